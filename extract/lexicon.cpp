#include "extract/lexicon.h"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kg::extract {

namespace {

// country|demonyms (comma separated)|other names (comma separated)
constexpr std::string_view kCountries = R"(Afghanistan|Afghan,Afghans|
Albania|Albanian,Albanians|
Algeria|Algerian,Algerians|
Andorra|Andorran|
Angola|Angolan,Angolans|
Argentina|Argentine,Argentinian,Argentines,Argentinians|
Armenia|Armenian,Armenians|
Australia|Australian,Australians|
Austria|Austrian,Austrians|
Azerbaijan|Azerbaijani,Azeri,Azerbaijanis|
Bahamas|Bahamian|The Bahamas
Bahrain|Bahraini,Bahrainis|
Bangladesh|Bangladeshi,Bangladeshis|
Barbados|Barbadian|
Belarus|Belarusian,Belarusians|
Belgium|Belgian,Belgians|
Belize|Belizean|
Benin|Beninese|
Bhutan|Bhutanese|
Bolivia|Bolivian,Bolivians|
Bosnia and Herzegovina|Bosnian,Bosnians|Bosnia
Botswana|Botswanan|
Brazil|Brazilian,Brazilians|
Brunei|Bruneian|
Bulgaria|Bulgarian,Bulgarians|
Burkina Faso|Burkinabe|
Burundi|Burundian|
Cambodia|Cambodian,Cambodians|
Cameroon|Cameroonian,Cameroonians|
Canada|Canadian,Canadians|
Chad|Chadian|
Chile|Chilean,Chileans|
China|Chinese|People's Republic of China,PRC
Colombia|Colombian,Colombians|
Congo|Congolese|Democratic Republic of the Congo,DRC
Costa Rica|Costa Rican|
Croatia|Croatian,Croat,Croats,Croatians|
Cuba|Cuban,Cubans|
Cyprus|Cypriot,Cypriots|
Czechia|Czech,Czechs|Czech Republic
Denmark|Danish,Dane,Danes|
Djibouti|Djiboutian|
Dominican Republic|Dominican|
Ecuador|Ecuadorian,Ecuadorians|
Egypt|Egyptian,Egyptians|
El Salvador|Salvadoran,Salvadorans|
Eritrea|Eritrean,Eritreans|
Estonia|Estonian,Estonians|
Eswatini||Swaziland
Ethiopia|Ethiopian,Ethiopians|
Fiji|Fijian|
Finland|Finnish,Finn,Finns|
France|French|
Gabon|Gabonese|
Gambia|Gambian|
Georgia|Georgian,Georgians|
Germany|German,Germans|
Ghana|Ghanaian,Ghanaians|
Greece|Greek,Greeks,Hellenic|
Guatemala|Guatemalan,Guatemalans|
Guinea|Guinean|
Haiti|Haitian,Haitians|
Honduras|Honduran,Hondurans|
Hungary|Hungarian,Hungarians|
Iceland|Icelandic,Icelander,Icelanders|
India|Indian,Indians|
Indonesia|Indonesian,Indonesians|
Iran|Iranian,Iranians|
Iraq|Iraqi,Iraqis|
Ireland|Irish|Republic of Ireland
Israel|Israeli,Israelis|
Italy|Italian,Italians|
Ivory Coast|Ivorian|Côte d'Ivoire
Jamaica|Jamaican,Jamaicans|
Japan|Japanese|
Jordan|Jordanian,Jordanians|
Kazakhstan|Kazakh,Kazakhstani|
Kenya|Kenyan,Kenyans|
Kosovo|Kosovar,Kosovan|
Kuwait|Kuwaiti,Kuwaitis|
Kyrgyzstan|Kyrgyz|
Laos|Laotian,Lao|
Latvia|Latvian,Latvians|
Lebanon|Lebanese|
Lesotho|Basotho|
Liberia|Liberian,Liberians|
Libya|Libyan,Libyans|
Liechtenstein||
Lithuania|Lithuanian,Lithuanians|
Luxembourg|Luxembourgish|
Madagascar|Malagasy|
Malawi|Malawian|
Malaysia|Malaysian,Malaysians|
Maldives|Maldivian|
Mali|Malian,Malians|
Malta|Maltese|
Mauritania|Mauritanian|
Mauritius|Mauritian|
Mexico|Mexican,Mexicans|
Moldova|Moldovan,Moldovans|
Monaco|Monegasque|
Mongolia|Mongolian,Mongolians|
Montenegro|Montenegrin|
Morocco|Moroccan,Moroccans|
Mozambique|Mozambican|
Myanmar|Burmese|Burma
Namibia|Namibian|
Nepal|Nepalese,Nepali|
Netherlands|Dutch|The Netherlands,Holland
New Zealand|New Zealander|
Nicaragua|Nicaraguan|
Niger|Nigerien|
Nigeria|Nigerian,Nigerians|
North Korea|North Korean,North Koreans|DPRK
North Macedonia|Macedonian|Macedonia
Norway|Norwegian,Norwegians|
Oman|Omani|
Pakistan|Pakistani,Pakistanis|
Palestine|Palestinian,Palestinians|Palestinian territories
Panama|Panamanian|
Papua New Guinea|Papua New Guinean|
Paraguay|Paraguayan|
Peru|Peruvian,Peruvians|
Philippines|Filipino,Filipinos,Philippine|The Philippines
Poland|Polish,Pole,Poles|
Portugal|Portuguese|
Qatar|Qatari,Qataris|
Romania|Romanian,Romanians|
Russia|Russian,Russians|Russian Federation
Rwanda|Rwandan,Rwandans|
Saudi Arabia|Saudi,Saudis|
Senegal|Senegalese|
Serbia|Serbian,Serb,Serbs,Serbians|
Sierra Leone|Sierra Leonean|
Singapore|Singaporean,Singaporeans|
Slovakia|Slovak,Slovakian,Slovaks|
Slovenia|Slovenian,Slovene,Slovenes|
Somalia|Somali,Somalis|
South Africa|South African,South Africans|
South Korea|South Korean,South Koreans|Republic of Korea
South Sudan|South Sudanese|
Spain|Spanish,Spaniard,Spaniards|
Sri Lanka|Sri Lankan,Sri Lankans|
Sudan|Sudanese|
Sweden|Swedish,Swede,Swedes|
Switzerland|Swiss|
Syria|Syrian,Syrians|
Taiwan|Taiwanese|
Tajikistan|Tajik|
Tanzania|Tanzanian,Tanzanians|
Thailand|Thai,Thais|
Togo|Togolese|
Trinidad and Tobago|Trinidadian|
Tunisia|Tunisian,Tunisians|
Turkey|Turkish,Turk,Turks|Türkiye
Turkmenistan|Turkmen|
Uganda|Ugandan,Ugandans|
Ukraine|Ukrainian,Ukrainians|
United Arab Emirates|Emirati,Emiratis|UAE
United Kingdom|British,Briton,Britons|UK,U.K.,Britain,Great Britain
United States|American,Americans|US,U.S.,USA,U.S.A.,America,United States of America
Uruguay|Uruguayan|
Uzbekistan|Uzbek,Uzbeks|
Venezuela|Venezuelan,Venezuelans|
Vietnam|Vietnamese|Viet Nam
Yemen|Yemeni,Yemenis|
Zambia|Zambian,Zambians|
Zimbabwe|Zimbabwean,Zimbabweans|
)";

// region|demonyms|other names
constexpr std::string_view kRegions = R"(Europe|European,Europeans|
Africa|African,Africans|
Asia|Asian,Asians|
North America|North American|
South America|South American|
Latin America|Latin American|
Middle East|Middle Eastern|Mideast
Antarctica|Antarctic|
Arctic||
Oceania||
Scandinavia|Scandinavian|
Balkans|Balkan|
Caribbean||
Mediterranean||
Eastern Mediterranean||East Mediterranean
Gulf||Persian Gulf
Central Europe|Central European|
Eastern Europe|Eastern European|
Western Europe|Western European|
Southeast Asia|Southeast Asian|
Central Asia|Central Asian|
East Africa|East African|
West Africa|West African|
Sahel||
Gaza||Gaza Strip
Washington||D.C.,Washington D.C.
West Bank||
Crimea|Crimean|
Donbas||Donbass
Kashmir|Kashmiri|
Kurdistan|Kurdish|
Siberia|Siberian|
Catalonia|Catalan|
Scotland|Scottish,Scot,Scots|
Wales|Welsh|
England|English|
Northern Ireland||
Tibet|Tibetan|
Hong Kong||
Crete|Cretan|
Sicily|Sicilian|
Sardinia||
Corsica||
Bavaria|Bavarian|
Quebec||
Ontario||
Mindanao||
Java||
Bali||
Sinai||
)";

// US states are regions with a kind of their own: "Austin, Texas" gives located-in.
constexpr std::string_view kStates =
    "Alabama,Alaska,Arizona,Arkansas,California,Colorado,Connecticut,Delaware,Florida,Hawaii,"
    "Idaho,Illinois,Indiana,Iowa,Kansas,Kentucky,Louisiana,Maine,Maryland,Massachusetts,"
    "Michigan,Minnesota,Mississippi,Missouri,Montana,Nebraska,Nevada,New Hampshire,New Jersey,"
    "New Mexico,North Carolina,North Dakota,Ohio,Oklahoma,Oregon,Pennsylvania,Rhode Island,"
    "South Carolina,South Dakota,Tennessee,Texas,Utah,Vermont,Virginia,West Virginia,"
    "Wisconsin,Wyoming";

constexpr std::string_view kCities =
    "Kabul,Tirana,Algiers,Luanda,Buenos Aires,Yerevan,Canberra,Sydney,Melbourne,Vienna,Baku,"
    "Manama,Dhaka,Minsk,Brussels,Sarajevo,Brasilia,Rio de Janeiro,Sao Paulo,Sofia,Phnom Penh,"
    "Ottawa,Toronto,Montreal,Vancouver,Santiago,Beijing,Shanghai,Hong Kong,Bogota,Kinshasa,"
    "Zagreb,Havana,Nicosia,Prague,Copenhagen,Quito,Cairo,Alexandria,Tallinn,Addis Ababa,"
    "Helsinki,Paris,Marseille,Lyon,Tbilisi,Berlin,Munich,Frankfurt,Hamburg,Cologne,Accra,"
    "Athens,Thessaloniki,Budapest,Reykjavik,New Delhi,Delhi,Mumbai,Kolkata,Jakarta,Tehran,"
    "Baghdad,Mosul,Basra,Dublin,Jerusalem,Tel Aviv,Haifa,Rome,Milan,Naples,Venice,Turin,Tokyo,"
    "Osaka,Amman,Astana,Nairobi,Pristina,Kuwait City,Bishkek,Riga,Beirut,Tripoli,Benghazi,"
    "Vilnius,Luxembourg City,Kuala Lumpur,Valletta,Mexico City,Chisinau,Ulaanbaatar,Podgorica,"
    "Rabat,Casablanca,Kathmandu,Amsterdam,Rotterdam,The Hague,Hague,Wellington,Auckland,Abuja,"
    "Lagos,Pyongyang,Skopje,Oslo,Muscat,Islamabad,Karachi,Lahore,Ramallah,Lima,Manila,Warsaw,"
    "Krakow,Kraków,Gdansk,Gdańsk,Lisbon,Doha,Bucharest,Moscow,Saint Petersburg,St Petersburg,"
    "Kigali,Riyadh,Jeddah,Mecca,Dakar,Belgrade,Singapore,Bratislava,Ljubljana,Mogadishu,"
    "Pretoria,Johannesburg,Cape Town,Seoul,Juba,Madrid,Barcelona,Colombo,Khartoum,Stockholm,"
    "Geneva,Zurich,Bern,Damascus,Aleppo,Taipei,Dushanbe,Dar es Salaam,Bangkok,Tunis,Ankara,"
    "Istanbul,Kampala,Kyiv,Kiev,Kharkiv,Odesa,Odessa,Lviv,Mariupol,Abu Dhabi,Dubai,London,"
    "Manchester,Birmingham,Liverpool,Edinburgh,Glasgow,Cardiff,Belfast,Washington,"
    "New York,New York City,Los Angeles,Chicago,Houston,San Francisco,Boston,"
    "Miami,Seattle,Atlanta,Philadelphia,Detroit,Dallas,Las Vegas,Montevideo,Tashkent,Caracas,"
    "Hanoi,Ho Chi Minh City,Sanaa,Aden,Lusaka,Harare,Gaza City,Kandahar,Herat,Davos,Strasbourg,"
    "Sochi,Minneapolis,Denver,Phoenix,Nashville,Orlando,New Orleans,Baltimore,Pittsburgh";

// name|government (g) or not (-)|other names
constexpr std::string_view kOrganizations = R"(United Nations|g|UN,U.N.
European Union|g|EU,E.U.
North Atlantic Treaty Organization|g|NATO,Nato
International Monetary Fund|g|IMF
World Bank|g|
World Health Organization|g|WHO
World Trade Organization|g|WTO
African Union|g|AU
Arab League|g|
Organization of the Petroleum Exporting Countries|g|OPEC
Association of Southeast Asian Nations|g|ASEAN
United Nations Security Council|g|UN Security Council,Security Council
United Nations General Assembly|g|UN General Assembly,General Assembly
International Court of Justice|g|ICJ
International Criminal Court|g|ICC
European Commission|g|
European Council|g|
European Parliament|g|
European Central Bank|g|ECB
Council of Europe|g|
Organization for Security and Co-operation in Europe|g|OSCE
Red Cross|-|International Committee of the Red Cross,ICRC
Amnesty International|-|
Human Rights Watch|-|
Greenpeace|-|
Central Intelligence Agency|g|CIA
Federal Bureau of Investigation|g|FBI
National Security Agency|g|NSA
Pentagon|g|
White House|g|
Kremlin|g|
State Department|g|
Downing Street|g|
Elysee|g|Élysée
Congress|g|
Senate|g|
House of Representatives|g|
Supreme Court|g|
Reuters|-|
Associated Press|-|AP
Agence France-Presse|-|AFP
BBC|-|BBC News
CNN|-|
Al Jazeera|-|
Bloomberg|-|
The New York Times|-|New York Times
The Washington Post|-|Washington Post
The Guardian|-|Guardian
The Wall Street Journal|-|Wall Street Journal
Financial Times|-|
The Economist|-|
NBC News|-|NBC
CBS News|-|CBS
ABC News|-|ABC
Fox News|-|
PBS|-|
NPR|-|
Deutsche Welle|-|DW
Interfax|-|
TASS|-|
Xinhua|-|
Wikinews|-|
Instagram|-|
YouTube|-|
TikTok|-|
WhatsApp|-|
Telegram|-|
LinkedIn|-|
Reddit|-|
Wikipedia|-|
Twitter|-|
Facebook|-|
Google|-|
Apple|-|
Microsoft|-|
Amazon|-|
Taliban|-|
Hamas|g|
Hezbollah|-|
Islamic State|-|ISIS,ISIL
Al-Qaeda|-|al-Qaeda,Al Qaeda
NASA|g|
European Space Agency|g|ESA
)";

constexpr std::string_view kParties = R"(Republican|Republican Party
Republicans|Republican Party
GOP|Republican Party
Democrat|Democratic Party
Democrats|Democratic Party
Labour|Labour Party
Conservatives|Conservative Party
Tories|Conservative Party
Tory|Conservative Party
)";

// Transparent hashing: lookups by string_view allocate nothing.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using ViewMap = std::unordered_map<std::string, V, ViewHash, std::equal_to<>>;
using ViewSet = std::unordered_set<std::string, ViewHash, std::equal_to<>>;

struct Tables {
  ViewMap<KnownPlace> places;
  ViewMap<KnownPlace> demonyms;
  ViewMap<KnownOrganization> organizations;
  ViewMap<std::string_view> parties;
  ViewMap<RoleKind> title_words;
  ViewSet title_modifiers;
  ViewSet honorifics;
  ViewSet common_capitalized;
  ViewSet function_words;
  ViewSet org_heads;
  ViewSet place_heads;
  ViewSet government_words;
  ViewSet given_names;
  ViewSet common_acronyms;
};

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view part = s.substr(start, end - start);
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

void AddWords(ViewSet* set, std::string_view words) {
  for (std::string_view w : Split(words, ' ')) set->emplace(w);
}

void AddPlaces(Tables* t, std::string_view table, PlaceKind kind) {
  for (std::string_view line : Split(table, '\n')) {
    std::vector<std::string_view> fields;
    size_t start = 0;
    for (int f = 0; f < 3; ++f) {
      size_t end = line.find('|', start);
      if (end == std::string_view::npos) end = line.size();
      fields.push_back(start <= line.size() ? line.substr(start, end - start) : "");
      start = end + 1;
    }
    KnownPlace place{fields[0], kind};
    t->places.emplace(std::string(fields[0]), place);
    for (std::string_view d : Split(fields[1], ',')) t->demonyms.emplace(std::string(d), place);
    for (std::string_view a : Split(fields[2], ',')) t->places.emplace(std::string(a), place);
  }
}

Tables BuildTables() {
  Tables t;
  AddPlaces(&t, kCountries, PlaceKind::kCountry);
  AddPlaces(&t, kRegions, PlaceKind::kRegion);
  for (std::string_view s : Split(kStates, ',')) t.places.emplace(std::string(s), KnownPlace{s, PlaceKind::kState});
  for (std::string_view c : Split(kCities, ',')) t.places.emplace(std::string(c), KnownPlace{c, PlaceKind::kCity});
  for (std::string_view line : Split(kOrganizations, '\n')) {
    std::vector<std::string_view> f = Split(line, '|');
    KnownOrganization org{f[0], f.size() > 1 && f[1] == "g"};
    t.organizations.emplace(std::string(f[0]), org);
    if (f.size() > 2) {
      for (std::string_view a : Split(f[2], ',')) t.organizations.emplace(std::string(a), org);
    }
  }
  for (std::string_view line : Split(kParties, '\n')) {
    std::vector<std::string_view> f = Split(line, '|');
    t.parties.emplace(std::string(f[0]), f[1]);
  }
  const std::pair<RoleKind, std::string_view> kTitles[] = {
      {RoleKind::kLeader,
       "president president-elect prime premier chancellor king queen emperor ceo chairman "
       "chairwoman chairperson chair head mayor governor leader speaker director administrator "
       "director-general secretary-general commander-in-chief ruler monarch sultan emir "
       "founder owner boss commander chief-executive"},
      {RoleKind::kOfficial,
       "minister secretary envoy ambassador commissioner adviser advisor general official "
       "chief senator congressman congresswoman lawmaker legislator mp mep representative "
       "diplomat rapporteur deputy vice-president undersecretary under-secretary attorney "
       "prosecutor judge officer colonel admiral lieutenant major captain sergeant negotiator "
       "councillor councilor consul aide delegate inspector constable marshal"},
      {RoleKind::kSpokesperson, "spokesman spokeswoman spokesperson"},
      {RoleKind::kEmployee,
       "journalist columnist reporter correspondent editor analyst researcher economist expert "
       "scientist professor lecturer employee anchor presenter engineer manager "
       "executive lawyer photographer photojournalist astronomer biologist physicist scholar "
       "coach striker player designer"},
      {RoleKind::kMember, "member drummer singer guitarist bassist vocalist keyboardist"},
  };
  for (const auto& [role, words] : kTitles) {
    for (std::string_view w : Split(words, ' ')) t.title_words.emplace(std::string(w), role);
  }
  AddWords(&t.title_modifiers,
           "foreign defence defense interior finance energy health economy economic justice "
           "education trade labour labor transport agriculture environment culture home "
           "press deputy vice acting former ex interim then current senior top chief special "
           "executive general state assistant associate managing principal political military "
           "first second lead national regional local regional-development development "
           "development's policy security intelligence communications affairs affair "
           "foreign-policy federal co-founding founding peace industry climate");
  AddWords(&t.honorifics,
           "Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Sir Dame Lord Lady Prof Prof. Professor Rev Rev. "
           "Reverend Sheikh Imam Pope Saint Fr Fr. Father Mx");
  AddWords(&t.common_capitalized,
           "I The A An This That These Those It Its He She His Her Hers They Their Them We Our "
           "Us You Your My Me In On At To From For By With Without Of And But Or Nor So Yet If "
           "As After Before During Since Until While When Where Why How What Who Whom Which "
           "There Here Then Now Today Yesterday Tomorrow Also However Meanwhile Moreover "
           "Furthermore Although Though Because Despite According Unlike Like Within Among "
           "Amid Between Both Each Every All Some Many Most Much More Few Several Other Others "
           "Another Such No Not Nothing None One Two Three Four Five Six Seven Eight Nine Ten "
           "First Second Third Last Next Earlier Later Still Even Only Just Altogether Once "
           "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
           "April May June July August September October November December Jan Feb Mar Apr "
           "Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun Please Yes Oh Let "
           "Let's Over Under About Above Across Against Along Around Behind Below Beside "
           "Beyond Into Onto Through Throughout Toward Towards Upon Via Regarding Following "
           "Reportedly Currently Previously Recently Initially Eventually Finally Overall "
           "Instead Rather Indeed Perhaps Thus Hence Therefore Otherwise Elsewhere Nearly "
           "Almost About Around Approximately Speaking Asked Citing Despite Including Unless "
           "Previous Recent Local Early Late Initial Current Further Additional Official Officials "
           "Authorities Researchers Scientists Experts Doctors Witnesses Residents Critics "
           "Analysts Observers Protesters Fans Voters Students Lawmakers Investigators Rescuers "
           "Firefighters Survivors Victims Sources Reports Details Results Data Images Photos "
           "Videos Footage Several Numerous Various Certain Unlike Despite Amid Elsewhere "
           "Earth Moon Mars Venus Jupiter Saturn Mercury Neptune Uranus Pluto Sun God Internet "
           "Christmas Easter Ramadan Eid Hanukkah Diwali Congressional Parliamentary Presidential "
           "Whether Whatever Whoever Whose Can Could Will Would Should Must Shall Might Do Does "
           "Did Is Are Was Were Be Been Has Have Had OK");
  AddWords(&t.function_words,
           "a an the this that these those it its he she his her hers him they their them "
           "theirs we our us you your i my me to of in on at for by with from as into onto "
           "about over under than then and or but nor so yet if while when where which who "
           "whom whose what why how not no is are was were be been being has have had do does "
           "did will would shall should can could may might must also very all any some each "
           "every both either neither such own there here up out off per via upon within "
           "without against between among after before during since until through across "
           "toward towards around along behind below above beyond near despite");
  AddWords(&t.org_heads,
           "Council Party University Institute Ministry Office Court Fund Union Congress Senate "
           "Assembly Parliament Government Department Agency Bank Group Company Corporation "
           "Corp Corp. Inc Inc. Ltd Ltd. LLC PLC plc AG GmbH A/S SA Association Forum Foundation "
           "Organization Organisation Committee Commission Federation League Club Army Navy "
           "Force Forces Corps Guard Guards Police Service Services Authority Board Bureau "
           "Investment Investments Holdings Resources Airlines Airways Air Times Post Mail News "
           "Press Journal Herald Telegraph Tribune Gazette Network Broadcasting Radio "
           "Television TV Channel Media Rally Platform Front Movement Alliance Coalition "
           "Charity Orchestra Church Centre Center School College Academy Society Trust "
           "Cabinet Secretariat Chamber Directorate Commissariat Brigade Battalion Regiment "
           "Command Caucus Bloc Institution Laboratory Observatory Museum Library Motors "
           "Industries Energy Petroleum Oil Gas Telecom Telekom Bahn Railways Systems "
           "Technologies Partners Capital Group Records Studios Team Brotherhood Front "
           "Congress Representatives Nations Reserve Watch International Enterprises Solutions "
           "Wrestling Entertainment Gazeta Zeitung Gazette Corriere Diario Kurier "
           "Dziennik Izvestia Pravda Herald Express Chronicle Observer Independent Mirror "
           "Consortium Cooperative Council's Ministry's Office's Agency's Court's Army's");
  AddWords(&t.place_heads,
           "Clinic City Island Islands Hall Airport Sea Ocean River Lake Mountain Mountains Mount "
           "Province County Region Street Square Palace Hospital Base Field Fields Delta "
           "Valley Gulf Bay Peninsula Desert Coast Park Bridge Stadium Cathedral Station Port "
           "District Canal Strait Straits Plain Plains Heights Hill Hills Forest Village Town "
           "Avenue Road Prison Camp Mosque Temple Synagogue Arena Plaza Tower Castle Harbour "
           "Harbor Oblast Governorate Prefecture Territory Territories Republic");
  AddWords(&t.government_words,
           "Ministry Office Army Navy Force Forces Government Parliament Congress Senate House "
           "Council Commission Agency Department Court Police Corps Guard Guards Assembly "
           "Bureau Service Cabinet Secretariat Directorate Authority Representatives Nations "
           "Union Kremlin Pentagon Command Brigade Battalion Regiment Reserve");
  AddWords(&t.given_names,
 "James John Robert Michael William David Richard Joseph Thomas Charles Christopher "
 "Daniel Dan Matthew Matt Anthony Mark Donald Steven Steve Paul Andrew Joshua Kenneth "
 "Kevin Brian George Edward Ronald Timothy Tim Jason Jeffrey Ryan Jacob Gary Nicholas "
 "Eric Jonathan Jon Stephen Larry Justin Scott Brandon Benjamin Samuel Frank Gregory "
 "Raymond Alexander Alex Patrick Jack Dennis Jerry Tyler Aaron Jose Adam Henry Nathan "
 "Douglas Zachary Peter Kyle Walter Ethan Jeremy Harold Keith Christian Roger Noah "
 "Gerald Carl Terry Sean Austin Arthur Lawrence Jesse Dylan Bryan Joe Jordan Billy "
 "Bruce Albert Willie Gabriel Logan Alan Juan Wayne Roy Ralph Randy Eugene Vincent "
 "Russell Elijah Louis Bobby Philip Johnny Mike Bill Bob Tom Tony Nick Chris Ted Ben "
 "Marco Mitch Nancy Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah "
 "Karen Lisa Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda "
 "Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela "
 "Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra "
 "Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce Virginia "
 "Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah "
 "Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn Janice Jean Abigail "
 "Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly Isabella "
 "Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Kamala Hillary "
 " Ursula Angela Theresa Boris Emmanuel Justin Jacinda Vladimir "
 "Dmitry Sergei Sergey Sergiy Alexei Alexey Andrei Andriy Oleksandr Olena Yulia Viktor "
 "Mikhail Ivan Igor Yuri Nikolai Pavel Andrzej Donald "
 " Jan Tomasz Krzysztof Piotr Marek Jaroslaw Jarosław Stefan "
 "Jean Pierre Jacques Francois François Nicolas Emmanuel Marine Michel Laurent "
 "Olivier Philippe Alain Hans Klaus Jurgen Jürgen Helmut Olaf Friedrich Wolfgang "
 "Heiko Annalena Frank-Walter Giuseppe Giorgia Matteo Luigi Sergio Mario Silvio "
 "Stefano Giovanni Paolo Francesco Antonio Carlos Pedro Luis Miguel Javier Manuel "
 "Jorge Fernando Alberto Ricardo Andres Andrés Gustavo Nicolas Jair Luiz Inacio "
 " Alexis Nikos Georgios Giorgos Konstantinos Dimitris Yannis Andreas "
 "Recep Ahmet Mevlut Mevlüt Hulusi Ibrahim İbrahim Binali Kemal Mustafa Mehmet "
 "Ali Ahmed Ahmad Mohammed Mohammad Muhammad Mohamed Mahmoud Abdel Abdul Abdullah "
 "Hassan Hussein Hossein Hamid Hamad Khalid Khaled Omar Osama Youssef Yousef Salman "
 "Faisal Fahd Tamim Bashar Hafez Hosni Abdel-Fattah Ayman Jamal Recep "
 "Benjamin Benny Yair Naftali Avigdor Isaac Yitzhak Moshe Avi Ehud "
 "Shimon Reuven Xi Li Wang Zhang Liu Chen Narendra Rahul Imran Nawaz Shinzo "
 "Fumio Yoshihide Kim Moon Jae-in Yoon Rodrigo Joko Mahathir Jacob Cyril Thabo "
 "Nelson Uhuru William Goodluck Olusegun Paul Abiy Yoweri Emmerson Robert "
 "Patrice Joseph Felix Félix Denis Macky Alassane Mahamadou Mo Usain "
 "Serena Roger Rafael Novak Lionel Cristiano Neymar Antonio Josep Pedro "
 "Mariano Santiago Carles Ada Jens Mette Stefan Magdalena Ulf Sanna Erna Jonas Leo "
 "Micheal Michael Enda Keir Rishi Liz Theresa Gordon Tony Margaret Nigel Jeremy "
 "Sadiq Nicola Humza Mark Kier Mette Viktor Aleksandar Milo Edi Zoran Andrej Robert "
 "Igor Janez Kolinda Zdravko Rumen Klaus Petr Milos Miloš Andrej Igor Peter Zuzana "
 "Alexander Sebastian Karl Karin Beate Hamza Tedros Antonio António Ban Kofi Boutros "
 "Jimmy Barack Hillary Kamala Joe Mitt Elizabeth Bernie Pete Cory Amy Kirsten "
 "Chuck Nancy Kevin Mitch Lindsey Rand Ted Marco Ron Greg Gavin Andrew Eric Bill "
 "Karine Jen Sean Sarah Kellyanne Rudy Rex Mike Antony Lloyd Janet Merrick Jake "
 "Jared Ivanka Melania Hunter Jill Doug Tulsi Pam Kash Kristi Marco Steve Jamie "
 "Elon Jeff Mark Sundar Satya Tim Warren Larry Sergey Jack Sheryl Bob Rupert Tucker "
 "Dave Simon Matt Ryan Kyle Jon "
 "Amanda Pope Francis Benedict Nicolás Evo Dilma Cristina Mauricio Alberto Ivan Iván "
 "Lenin Rafael Daniel Ortega Juan Guaido Guaidó Tayyip Hakan Fayez Khalifa "
 "Aguila Fathi Ghassan Saad Michel Najib Nabih Hassan Ali-Akbar Javad Hamid "
 "Ashraf Abdullah Zalmay Mullah Tariq Ahmad Shah Mohammad-Javad Qasem Qassem "
 " Hulusi Selahattin Meral Ekrem Kemal Sebastián Sebastian Gabriel Gabriela");
  AddWords(&t.common_acronyms,
           "LGBT LGBTQ COVID COVID-19 HIV AIDS GDP CEO CFO COO LNG EEZ PCI DNA UFO NGO TV PC "
           "CCTV GPS USB AI IT PR HR FAQ ID PIN VAT OK AM PM BC AD UTC GMT EST PST IQ PhD MP "
           "MEP MPs EU-wide SUV ICU ER DJ CD DVD SMS WMD IED RPG IDP IDPs PPE MRI CT ATM");
  return t;
}

const Tables& GetTables() {
  static const Tables tables = BuildTables();
  return tables;
}

template <typename Map>
auto Find(const Map& map, std::string_view key) -> decltype(&map.begin()->second) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

std::optional<KnownPlace> LookupPlace(std::string_view name) {
  if (const KnownPlace* p = Find(GetTables().places, name)) return *p;
  return std::nullopt;
}

std::optional<KnownPlace> LookupDemonym(std::string_view word) {
  if (const KnownPlace* p = Find(GetTables().demonyms, word)) return *p;
  return std::nullopt;
}

std::optional<KnownOrganization> LookupOrganization(std::string_view name) {
  if (const KnownOrganization* o = Find(GetTables().organizations, name)) return *o;
  return std::nullopt;
}

std::optional<std::string_view> LookupPartyLabel(std::string_view word) {
  if (const std::string_view* p = Find(GetTables().parties, word)) return *p;
  return std::nullopt;
}

RoleKind LookupTitleWord(std::string_view lower_word) {
  if (const RoleKind* r = Find(GetTables().title_words, lower_word)) return *r;
  // Plural titles: "Senators Marco Rubio ...", "Presidents X and Y".
  if (lower_word.size() > 3 && lower_word.back() == 's') {
    if (const RoleKind* r = Find(GetTables().title_words, lower_word.substr(0, lower_word.size() - 1))) {
      return *r;
    }
  }
  return RoleKind::kNone;
}

bool IsGivenName(std::string_view word) {
  return GetTables().given_names.count(word) > 0;
}
bool IsCommonAcronym(std::string_view word) {
  return GetTables().common_acronyms.count(word) > 0;
}

RoleKind RoleForTitle(std::string_view lower_title) {
  std::string title(lower_title);
  if (title.find("press secretary") != std::string::npos ||
      title.find("spokes") != std::string::npos) {
    return RoleKind::kSpokesperson;
  }
  if (title.find("chief executive") != std::string::npos ||
      title.find("commander-in-chief") != std::string::npos ||
      title.find("secretary-general") != std::string::npos ||
      title.find("secretary general") != std::string::npos ||
      title.find("director general") != std::string::npos ||
      title.find("prime minister") != std::string::npos) {
    return RoleKind::kLeader;
  }
  // A deputy or vice holder of a leading title is an official, not the leader.
  bool deputy = title.rfind("deputy", 0) == 0 || title.rfind("vice", 0) == 0 ||
                title.find(" deputy ") != std::string::npos ||
                title.find("vice ") != std::string::npos ||
                title.find("vice-") != std::string::npos;
  // The last word that is a title head decides: "secretary of state" is a secretary.
  RoleKind role = RoleKind::kNone;
  std::string_view rest(title);
  while (!rest.empty() && role == RoleKind::kNone) {
    size_t space = rest.find_last_of(' ');
    std::string_view last = space == std::string_view::npos ? rest : rest.substr(space + 1);
    role = LookupTitleWord(last);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(0, space);
  }
  if (role == RoleKind::kLeader && deputy) return RoleKind::kOfficial;
  return role;
}

bool IsTitleModifier(std::string_view lower_word) {
  return GetTables().title_modifiers.count(lower_word) > 0;
}
bool IsHonorific(std::string_view word) {
  return GetTables().honorifics.count(word) > 0;
}
bool IsCommonCapitalized(std::string_view word) {
  return GetTables().common_capitalized.count(word) > 0;
}
bool IsFunctionWord(std::string_view lower_word) {
  return GetTables().function_words.count(lower_word) > 0;
}
bool IsOrganizationHead(std::string_view word) {
  return GetTables().org_heads.count(word) > 0;
}
bool IsPlaceHead(std::string_view word) {
  return GetTables().place_heads.count(word) > 0;
}
bool IsGovernmentWord(std::string_view word) {
  return GetTables().government_words.count(word) > 0;
}

}  // namespace kg::extract
