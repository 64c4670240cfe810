#include "extract/relations.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "extract/lexical.h"
#include "extract/lexicon.h"
#include "extract/utf8.h"

namespace kg::extract {

namespace {

struct Arg {
  int entity = -1;
  int begin = -1;  // token range
  int end = -1;
};

// Verb lemmas that report speech; the object of `said` is what follows them.
bool IsSpeechVerb(const std::string& lemma) {
  static const std::unordered_set<std::string> kVerbs = {
      "say", "tell", "add", "state", "note", "explain", "claim", "confirm",
      "report", "warn", "argue", "insist", "stress", "underline", "allege", "reveal",
      "conclude", "remark", "write", "tweet", "reaffirm", "reiterate", "emphasise",
      "emphasize", "caution", "suggest", "acknowledge", "admit", "declare", "mention",
      "observe", "reply", "respond", "assert", "deny", "predict", "estimate", "believe",
      "indicate", "contend", "maintain", "credit"};
  return kVerbs.count(lemma) > 0;
}

// Requests: "urged X to ...", "called on X to ...", "called for ...": the request is what
// was said.
bool IsRequestVerb(const std::string& lemma) {
  return lemma == "urge" || lemma == "encourage" || lemma == "ask" || lemma == "call" ||
         lemma == "demand" || lemma == "appeal";
}

bool IsGroupNoun(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "officials", "allies", "leaders", "diplomats", "lawmakers", "authorities", "government",
      "forces", "troops", "ministers", "members", "negotiators", "politicians", "military",
      "army", "side", "regime", "administration", "delegation", "delegations", "official"};
  return kWords.count(w) > 0;
}

// Descriptors between a country or demonym and a company or outlet ("Greek gas producer
// Energean", "Iranian airline Mahan Air"): they make the pair a located-in.
bool IsBusinessDescriptor(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "company", "firm", "producer", "supplier", "retailer", "airline", "carrier", "chain",
      "bank", "group", "operator", "network", "channel", "broadcaster", "daily", "newspaper",
      "outlet", "magazine", "tabloid", "website", "agency", "insurer", "manufacturer", "maker",
      "giant", "startup", "start-up", "tank", "think", "institute", "supermarket", "developer",
      "investor", "conglomerate", "publisher", "broadcaster", "station", "club", "team",
      "organisation", "organization", "ngo", "charity", "firms", "companies", "gas", "oil",
      "energy", "news", "media", "state-owned", "private", "online", "national", "weekly",
      "television", "radio", "tech", "technology", "telecom", "telecoms", "property", "real",
      "estate", "pharmaceutical", "drug", "car", "carmaker", "automaker", "software", "mining",
      "shipping", "logistics", "food", "retail", "fashion", "brand", "research", "policy",
      "anti-monopoly", "monopoly", "holding", "parent", "discount", "grocery", "countries",
      "nations", "neighbouring", "neighboring", "muslim-majority"};
  return kWords.count(w) > 0;
}

// Descriptors that no state organ takes ("the US think tank Atlantic Council"): a
// "Council" after them is private.
bool IsPrivateDescriptor(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "tank", "company", "firm", "newspaper", "daily", "broadcaster", "outlet", "institute",
      "ngo", "charity", "retailer", "startup", "start-up", "publisher", "magazine", "website"};
  return kWords.count(w) > 0;
}

// Nouns that head a Work ("the plan", "the border agreement") and their classes: a bare
// "the proposal" refers back to the latest named work of its class.
std::string_view WorkClass(std::string_view lower) {
  static const std::unordered_map<std::string_view, std::string_view> kHeads = {
      {"plan", "plan"},          {"plans", "plan"},          {"proposal", "plan"},
      {"proposals", "plan"},     {"framework", "plan"},      {"initiative", "plan"},
      {"blueprint", "plan"},     {"roadmap", "plan"},        {"agreement", "agreement"},
      {"agreements", "agreement"}, {"deal", "agreement"},    {"accord", "agreement"},
      {"treaty", "agreement"},   {"memorandum", "agreement"}, {"memoranda", "agreement"},
      {"demarcation", "agreement"}, {"pact", "agreement"},   {"ceasefire", "agreement"},
      {"truce", "agreement"},    {"pipeline", "project"},    {"project", "project"},
      {"interconnector", "project"}, {"bill", "law"},        {"legislation", "law"},
      {"law", "law"},            {"amendment", "law"},       {"decree", "law"},
      {"ban", "law"},            {"resolution", "resolution"}, {"conclusions", "conclusions"},
      {"sanctions", "sanctions"}, {"budget", "budget"},      {"wall", "wall"},
      {"limits", "limits"},      {"reform", "reform"},       {"reforms", "reform"},
      {"system", "system"},
      };
  auto it = kHeads.find(lower);
  return it == kHeads.end() ? std::string_view() : it->second;
}

// Lower-case words dropped from the front of a work's name ("the reported new plan").
bool IsWorkFiller(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
      "new", "reported", "proposed", "planned", "so-called", "latest", "current", "draft",
      "controversial", "possible", "alleged", "original", "revised", "final", "such", "any",
      "whole", "entire", "same", "recent", "existing", "previous", "any", "some", "secret",
      "initial", "broader", "wider", "own", "also", "similar", "other", "another", "major",
      "big", "first", "second", "third", "last", "next", "one", "two", "three", "good", "bad",
      "great", "important", "fair", "lasting", "durable", "comprehensive", "historic", "ambitious",
      "key", "better", "best", "workable", "realistic", "unrealistic", "acceptable",
      "unacceptable", "flawed", "terrible", "excellent", "whole", "full", "joint", "formal"};
  return kWords.count(w) > 0;
}

enum class VerbRule { kNone, kMeet, kTalk, kVisit, kSupport, kOppose, kPropose, kWorkOn, kAttack,
                      kAccuse, kJoin, kTell, kEmploy, kLead };

VerbRule RuleFor(const std::string& lemma) {
  static const std::unordered_map<std::string, VerbRule> kRules = {
      {"meet", VerbRule::kMeet},        {"host", VerbRule::kMeet},
      {"attend", VerbRule::kMeet},      {"gather", VerbRule::kMeet},
      {"sign", VerbRule::kPropose},     {"involve", VerbRule::kWorkOn},
      {"speak", VerbRule::kTalk},       {"talk", VerbRule::kTalk},
      {"phone", VerbRule::kTalk},       {"tell", VerbRule::kTell},
      {"visit", VerbRule::kVisit},      {"travel", VerbRule::kVisit},
      {"arrive", VerbRule::kVisit},     {"back", VerbRule::kSupport},
      {"endorse", VerbRule::kSupport},  {"support", VerbRule::kSupport},
      {"welcome", VerbRule::kSupport},  {"praise", VerbRule::kSupport},
      {"hail", VerbRule::kSupport},     {"congratulate", VerbRule::kSupport},
      {"approve", VerbRule::kSupport},  {"second", VerbRule::kSupport},
      {"fund", VerbRule::kSupport},     {"vote", VerbRule::kSupport},
      {"oppose", VerbRule::kOppose},    {"reject", VerbRule::kOppose},
      {"condemn", VerbRule::kOppose},   {"criticise", VerbRule::kOppose},
      {"criticize", VerbRule::kOppose}, {"denounce", VerbRule::kOppose},
      {"threaten", VerbRule::kOppose},  {"push", VerbRule::kOppose},
      {"veto", VerbRule::kOppose},      {"slam", VerbRule::kOppose},
      {"propose", VerbRule::kPropose},  {"draft", VerbRule::kPropose},
      {"author", VerbRule::kPropose},   {"unveil", VerbRule::kPropose},
      {"introduce", VerbRule::kPropose}, {"put", VerbRule::kPropose},
      {"work", VerbRule::kWorkOn},      {"negotiate", VerbRule::kWorkOn},
      {"prepare", VerbRule::kWorkOn},   {"attack", VerbRule::kAttack},
      {"invade", VerbRule::kAttack},    {"strike", VerbRule::kAttack},
      {"bomb", VerbRule::kAttack},      {"shell", VerbRule::kAttack},
      {"stab", VerbRule::kAttack},      {"assassinate", VerbRule::kAttack},
      {"murder", VerbRule::kAttack},    {"kill", VerbRule::kAttack},
      {"shoot", VerbRule::kAttack},     {"accuse", VerbRule::kAccuse},
      {"blame", VerbRule::kAccuse},     {"join", VerbRule::kJoin},
      {"protest", VerbRule::kOppose},   {"announce", VerbRule::kPropose},
      {"sponsor", VerbRule::kSupport},  {"co-sponsor", VerbRule::kSupport},
      {"cosponsor", VerbRule::kSupport}, {"allege", VerbRule::kAccuse},
      {"perform", VerbRule::kEmploy},   {"play", VerbRule::kEmploy},
      {"lead", VerbRule::kLead},        {"head", VerbRule::kLead},
      {"ask", VerbRule::kTell},         {"refuse", VerbRule::kOppose},
      {"engage", VerbRule::kTalk},
      {"decry", VerbRule::kOppose},     {"deplore", VerbRule::kOppose},
      {"lambast", VerbRule::kOppose},   {"censure", VerbRule::kOppose},
      {"boycott", VerbRule::kOppose},   {"repudiate", VerbRule::kOppose},
      {"applaud", VerbRule::kSupport},  {"commend", VerbRule::kSupport},
      {"champion", VerbRule::kSupport}, {"advocate", VerbRule::kSupport},
      {"favour", VerbRule::kSupport},   {"favor", VerbRule::kSupport},
      {"laud", VerbRule::kSupport},     {"ratify", VerbRule::kSupport}};
  auto it = kRules.find(lemma);
  return it == kRules.end() ? VerbRule::kNone : it->second;
}

bool IsTimeWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
      "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December", "today", "yesterday", "Today"};
  return kWords.count(w) > 0;
}

bool IsActor(EntityType t) {
  return t == EntityType::kPerson || t == EntityType::kOrganization || t == EntityType::kPlace;
}

class RelationFinder {
 public:
  RelationFinder(const Document& doc, const std::vector<Mention>& mentions, Coreference* coref,
                 std::string_view path)
      : doc_(doc), tokens_(doc.tokens), mentions_(mentions), coref_(*coref),
        entities_(coref->entities), path_(path) {}

  std::vector<ExtractedTriple> Run() {
    lower_.reserve(tokens_.size());
    lemma_.reserve(tokens_.size());
    for (const Token& t : tokens_) {
      lower_.push_back(ToLower(t.text));
      lemma_.push_back(t.kind == TokenKind::kWord ? Lemma(lower_.back()) : lower_.back());
    }
    IndexArgs();
    FindWorks();
    DirectQuotes();
    for (size_t s = 0; s < doc_.sentences.size(); ++s) {
      sentence_ = static_cast<int>(s);
      const Sentence& sentence = doc_.sentences[s];
      if (sentence.headline) {
        // Headlines are terse and often in title case: only "Gdańsk, Poland" pairs.
        LocatedIn(sentence);
        continue;
      }
      TitleRoles(sentence);
      Appositions(sentence);
      NounEvents(sentence);
      AttackAgents(sentence);
      NounStances(sentence);
      StanceActs(sentence);
      NounInteractions(sentence);
      NamingAccusations(sentence);
      WorkPartners(sentence);
      Affiliations(sentence);
      Evaluations(sentence);
      Counterparts(sentence);
      PartyLists(sentence);
      Interviews(sentence);
      LocatedIn(sentence);
      Verbs(sentence);
      ReportedSpeech(sentence);
    }
    return std::move(triples_);
  }

 private:
  // ---- argument index -------------------------------------------------------------------

  void IndexArgs() {
    size_t n = tokens_.size();
    arg_start_.assign(n + 1, Arg{});
    arg_end_.assign(n + 1, Arg{});
    for (const Mention& m : mentions_) {
      if (m.entity < 0) continue;
      Arg a{m.entity, m.token_begin, m.token_end};
      if (arg_start_[m.token_begin].entity < 0) arg_start_[m.token_begin] = a;
      arg_end_[m.token_end] = a;  // the last of a "Turkish-Libyan" pair wins; either will do
    }
    for (size_t t = 0; t < n; ++t) {
      int e = coref_.token_referent[t];
      if (e < 0) continue;
      Arg a{e, static_cast<int>(t), static_cast<int>(t) + coref_.referent_length[t]};
      arg_start_[t] = a;
      arg_end_[a.end] = a;
    }
  }

  Arg ArgAt(int t) const { return t >= 0 && t < static_cast<int>(tokens_.size()) ? arg_start_[t] : Arg{}; }
  Arg ArgEndingAt(int t) const {
    return t >= 0 && t <= static_cast<int>(tokens_.size()) ? arg_end_[t] : Arg{};
  }

  EntityType TypeOf(int entity) const { return entities_[entity].type; }

  // "US Army Secretary Dan Driscoll", "UCL astronomer Angelos Tsiaras", "Huber's partner
  // Erick Rowan": an organisation (or a possessor) before a title stands for the person
  // the title introduces.
  Arg ExpandTitled(const Arg& a) const {
    if (a.entity < 0) return a;
    int n = static_cast<int>(tokens_.size());
    int k = a.end;
    bool possessive = k < n && tokens_[k].kind == TokenKind::kPossessive;
    if (TypeOf(a.entity) == EntityType::kPerson && !possessive) return a;
    if (possessive) ++k;
    for (int u = k; u < n && u < k + 6; ++u) {
      Arg p = ArgAt(u);
      if (p.entity >= 0) {
        if (TypeOf(p.entity) != EntityType::kPerson) return a;
        int m = coref_.token_mention[u];
        if (m >= 0 && (mentions_[m].title_begin == k || possessive)) return p;
        return a;
      }
      if (tokens_[u].kind != TokenKind::kWord || tokens_[u].capitalized) {
        if (tokens_[u].kind != TokenKind::kWord) return a;
      }
    }
    return a;
  }

  // Lower-case forms and lemmas are computed once per token: the rules ask for them often.
  const std::string& Lower(int t) const { return lower_[t]; }
  const std::string& LemmaAt(int t) const { return lemma_[t]; }

  std::string Text(int b, int e) const {
    if (b >= e) return "";
    return std::string(doc_.text.substr(tokens_[b].begin, tokens_[e - 1].end - tokens_[b].begin));
  }

  // ---- output -----------------------------------------------------------------------------

  bool TypesFit(Predicate p, EntityType s, EntityType o) const {
    switch (p) {
      case Predicate::kSpokespersonFor:
      case Predicate::kLeaderOf:
      case Predicate::kOfficialOf:
        return s == EntityType::kPerson && (o == EntityType::kOrganization || o == EntityType::kPlace);
      case Predicate::kMemberOf:
        return IsActor(s) && o == EntityType::kOrganization;
      case Predicate::kEmployeeOf:
        return s == EntityType::kPerson && o == EntityType::kOrganization;
      case Predicate::kLocatedIn:
        return (s == EntityType::kOrganization || s == EntityType::kPlace) && o == EntityType::kPlace;
      case Predicate::kMetWith:
      case Predicate::kTalkedWith:
      case Predicate::kAttacked:
      case Predicate::kAccused:
        return IsActor(s) && IsActor(o);
      case Predicate::kSupports:
      case Predicate::kOpposes:
        return IsActor(s);
      case Predicate::kProposed:
        return IsActor(s) && o == EntityType::kWork;
      case Predicate::kWorksOn:
        return IsActor(s) && (o == EntityType::kWork || o == EntityType::kEvent);
      case Predicate::kVisited:
        return s == EntityType::kPerson && (o == EntityType::kPlace || o == EntityType::kOrganization);
      case Predicate::kSaid:
        return s == EntityType::kPerson || s == EntityType::kOrganization;
    }
    return false;
  }

  void Emit(int subject, Predicate p, int object, int phrase_begin, int phrase_end,
            double confidence) {
    if (subject < 0 || object < 0 || subject == object) return;
    if (entities_[subject].dropped || entities_[object].dropped) return;
    if (!TypesFit(p, TypeOf(subject), TypeOf(object))) return;
    if (IsSymmetric(p) && subject > object) std::swap(subject, object);
    auto key = std::make_tuple(subject, static_cast<int>(p), object);
    if (!seen_.insert(key).second) return;
    ExtractedTriple t;
    t.subject = entities_[subject].name;
    t.subject_type = TypeOf(subject);
    t.predicate = p;
    t.object = entities_[object].name;
    t.object_type = TypeOf(object);
    t.confidence = confidence;
    FillEvidence(&t.evidence, phrase_begin, phrase_end);
    triples_.push_back(std::move(t));
  }

  void EmitSaid(int subject, size_t quote_begin, size_t quote_end, int phrase_begin,
                int phrase_end, double confidence) {
    if (subject < 0 || entities_[subject].dropped) return;
    if (quote_end <= quote_begin || quote_end > doc_.text.size()) return;
    if (!TypesFit(Predicate::kSaid, TypeOf(subject), EntityType::kPerson)) return;
    std::string quote = TrimQuote(doc_.text.substr(quote_begin, quote_end - quote_begin));
    if (quote.empty()) return;
    if (!said_seen_.insert(std::to_string(subject) + "|" + quote).second) return;
    ExtractedTriple t;
    t.subject = entities_[subject].name;
    t.subject_type = TypeOf(subject);
    t.predicate = Predicate::kSaid;
    t.object = std::move(quote);
    t.object_is_quote = true;
    t.confidence = confidence;
    FillEvidence(&t.evidence, phrase_begin, phrase_end);
    triples_.push_back(std::move(t));
  }

  static std::string TrimQuote(std::string_view q) {
    auto is_trim = [](char c) { return c == ' ' || c == ',' || c == ':' || c == ';' || c == '\n'; };
    while (!q.empty() && is_trim(q.front())) q.remove_prefix(1);
    while (!q.empty() && is_trim(q.back())) q.remove_suffix(1);
    return std::string(q);
  }

  void FillEvidence(Evidence* ev, int phrase_begin, int phrase_end) const {
    ev->article = std::string(path_);
    int s = tokens_[phrase_begin].sentence;
    ev->sentence_index = s;
    ev->begin = tokens_[phrase_begin].begin;
    ev->end = tokens_[std::max(phrase_begin, phrase_end - 1)].end;
    const Sentence& sentence = doc_.sentences[s];
    ev->sentence = std::string(doc_.text.substr(sentence.begin, sentence.end - sentence.begin));
    ev->phrase = std::string(doc_.text.substr(ev->begin, ev->end - ev->begin));
  }

  // ---- roles ------------------------------------------------------------------------------

  Predicate RolePredicate(RoleKind role, int owner, const std::string& title) const {
    bool government = entities_[owner].government || TypeOf(owner) == EntityType::kPlace;
    switch (role) {
      case RoleKind::kLeader:
        // A company's director or chief executive leads it; "director" of a government
        // body leads it too.
        return Predicate::kLeaderOf;
      case RoleKind::kSpokesperson:
        return Predicate::kSpokespersonFor;
      case RoleKind::kMember:
        // A member of a parliament or government body is an official of it.
        return entities_[owner].government && TypeOf(owner) == EntityType::kOrganization
                   ? Predicate::kOfficialOf
                   : Predicate::kMemberOf;
      case RoleKind::kEmployee:
        return government ? Predicate::kOfficialOf : Predicate::kEmployeeOf;
      case RoleKind::kOfficial:
        if (!government && title.find("deputy") != std::string::npos) return Predicate::kEmployeeOf;
        return government ? Predicate::kOfficialOf : Predicate::kEmployeeOf;
      case RoleKind::kNone:
        break;
    }
    return Predicate::kOfficialOf;
  }

  void EmitRole(int person, int owner, const std::string& title, int phrase_begin, int phrase_end,
                double confidence) {
    if (person < 0 || owner < 0) return;
    RoleKind role = RoleForTitle(title);
    if (role == RoleKind::kNone) return;
    // A person's spokesperson speaks for what that person leads ("Merkel's spokesperson").
    if (TypeOf(owner) == EntityType::kPerson) {
      auto led = leads_.find(owner);
      if (led == leads_.end()) return;
      owner = led->second;
    }
    Predicate p = RolePredicate(role, owner, title);
    // A party label before a title ("Republican Senator X") makes a member.
    const std::string& owner_name = entities_[owner].name;
    if (owner_name.size() > 6 && owner_name.compare(owner_name.size() - 6, 6, " Party") == 0 &&
        p != Predicate::kLeaderOf) {
      p = Predicate::kMemberOf;
    }
    Emit(person, p, owner, phrase_begin, phrase_end, confidence);
    if (p == Predicate::kLeaderOf) leads_.emplace(person, owner);
    last_role_owner_[person] = owner;
  }

  void TitleRoles(const Sentence& sentence) {
    int previous_person_owner = -1;
    int previous_person_end = -1;
    std::string previous_title;
    for (const Mention& m : MentionsIn(sentence)) {
      if (m.entity < 0) continue;
      if (m.kind == MentionKind::kParty) {
        // "Republican Kevin McCarthy": a party label right before a person.
        Arg next = ArgAt(m.token_end);
        if (next.entity >= 0 && TypeOf(next.entity) == EntityType::kPerson) {
          Emit(next.entity, Predicate::kMemberOf, m.entity, m.token_begin, next.end, 0.8);
        }
        continue;
      }
      if (TypeOf(m.entity) != EntityType::kPerson) continue;
      if (m.title.empty()) {
        // "Presidents A of Nigeria and B of Benin": B shares A's title.
        if (!previous_title.empty() && m.token_begin >= 1 && previous_person_end >= 0 &&
            (tokens_[m.token_begin - 1].text == "and" || tokens_[m.token_begin - 1].text == ",") &&
            m.token_end + 1 < sentence.token_end && tokens_[m.token_end].text == "of") {
          Arg place = ArgAt(m.token_end + 1);
          if (place.entity >= 0 && TypeOf(place.entity) == EntityType::kPlace) {
            EmitRole(m.entity, place.entity, previous_title, m.token_begin, place.end, 0.75);
          }
        }
        continue;
      }
      previous_title = m.title;
      int owner = m.title_owner >= 0 ? mentions_[m.title_owner].entity : -1;
      // "Israeli prime minister A and energy minister B": B serves the same country.
      if (owner < 0 && previous_person_owner >= 0 && m.title_begin >= 1 &&
          (tokens_[m.title_begin - 1].text == "and" || tokens_[m.title_begin - 1].text == ",") &&
          previous_person_end == m.title_begin - 1) {
        owner = previous_person_owner;
      }
      // "Senators Marco Rubio of Florida": the place after the name.
      if (owner < 0 && m.token_end + 1 < sentence.token_end && tokens_[m.token_end].text == "of") {
        Arg after = ArgAt(m.token_end + 1);
        if (after.entity >= 0 && TypeOf(after.entity) == EntityType::kPlace) owner = after.entity;
      }
      if (owner >= 0) {
        EmitRole(m.entity, owner, m.title, m.title_begin, m.token_end, 0.9);
        // "AU chairperson President A of Egypt": the place after the name has its own role.
        if (m.token_end + 1 < sentence.token_end && tokens_[m.token_end].text == "of") {
          Arg after = ArgAt(m.token_end + 1);
          if (after.entity >= 0 && after.entity != owner && TypeOf(after.entity) == EntityType::kPlace) {
            size_t space = m.title.rfind(' ');
            std::string last = space == std::string::npos ? m.title : m.title.substr(space + 1);
            EmitRole(m.entity, after.entity, last, m.title_begin, after.end, 0.75);
          }
        }
        previous_person_owner = owner;
      } else {
        previous_person_owner = -1;
      }
      previous_person_end = m.token_end;
    }
  }

  std::vector<Mention> MentionsIn(const Sentence& sentence) const {
    std::vector<Mention> out;
    for (int t = sentence.token_begin; t < sentence.token_end; ++t) {
      int m = coref_.token_mention[t];
      if (m >= 0 && mentions_[m].token_begin == t) {
        // Every mention starting here (a hyphenated token may hold several).
        for (int k = m; k < static_cast<int>(mentions_.size()) && mentions_[k].token_begin == t; ++k) {
          out.push_back(mentions_[k]);
        }
      }
    }
    return out;
  }

  // Parses a title phrase starting at `k` ("the European Union's foreign policy chief",
  // "deputy director of the Greek Energy Forum", "a UN rapporteur for the Office of ...")
  // and emits the roles it states for `person`. Stops at `limit`, a comma or a verb.
  bool ParseTitlePhrase(int person, int k, int limit, int phrase_begin) {
    std::vector<int> pre_owners;
    std::string title;
    int title_end = -1;
    int t = k;
    for (; t < limit; ++t) {
      const Token& tok = tokens_[t];
      if (tok.text == "," || tok.text == "." || tok.text == ";" || tok.kind == TokenKind::kOpenQuote) break;
      Arg a = ArgAt(t);
      if (a.entity >= 0) {
        if (TypeOf(a.entity) == EntityType::kPerson && !title.empty()) return false;
        // "a founding Civic Platform member": modifiers may precede the owner.
        if (title_end < 0) title.clear();
        if (title.empty()) {
          if (TypeOf(a.entity) == EntityType::kPerson) {
            // "Angela Merkel's spokesperson": a person owning the title.
            if (a.end < limit && tokens_[a.end].kind == TokenKind::kPossessive) {
              pre_owners.push_back(a.entity);
              t = a.end;
              continue;
            }
            return false;
          }
          pre_owners.push_back(a.entity);
          t = a.end - 1;
          continue;
        }
        break;
      }
      std::string lower = Lower(t);
      if (tok.kind == TokenKind::kPossessive) continue;
      if (tok.kind == TokenKind::kWord && (LookupTitleWord(lower) != RoleKind::kNone || IsTitleModifier(lower))) {
        if (LookupTitleWord(lower) != RoleKind::kNone) title_end = t + 1;
        title += title.empty() ? lower : " " + lower;
        continue;
      }
      if (title.empty() && (ClassifyWord(lower) == WordClass::kDeterminer || lower == "then" ||
                            lower == "current" || lower == "former" || lower == "longtime" ||
                            lower == "long-time" || lower == "de" || lower == "facto" ||
                            lower == "founding" || lower == "senior" || lower == "top")) {
        continue;
      }
      break;
    }
    if (title_end < 0) return false;
    // Owners after the title: "of the Greek Energy Forum", "for the Office of ...",
    // "of the Polish city of Gdańsk" (the last named place).
    std::vector<int> post_owners;
    bool regional = false;
    t = title_end;
    if (t < limit && (Lower(t) == "of" || Lower(t) == "for" || Lower(t) == "at" || Lower(t) == "with")) {
      // "of the Greek Energy Forum", "for the Office of ...", "of the Polish city of Gdańsk"
      // (the last named thing before the phrase ends).
      bool via_for = Lower(t) == "for";
      for (int u = t + 1; u < limit && u < title_end + 14; ++u) {
        const Token& tok = tokens_[u];
        if (tok.kind == TokenKind::kPunct || tok.kind == TokenKind::kOpenQuote) break;
        Arg a = ArgAt(u);
        if (a.entity >= 0) {
          if (TypeOf(a.entity) == EntityType::kPerson) break;
          int mention = coref_.token_mention[u];
          bool demonym_only = mention >= 0 && mentions_[mention].kind == MentionKind::kDemonym &&
                              coref_.token_referent[u] < 0;
          // "CEO for Central Europe": "for" names an organisation, never a region; a
          // regional head works for the organisation rather than leading it.
          if (via_for && TypeOf(a.entity) == EntityType::kPlace) regional = true;
          if (!demonym_only && !(via_for && TypeOf(a.entity) != EntityType::kOrganization)) {
            post_owners.push_back(a.entity);
          }
          u = a.end - 1;
          t = a.end;
          continue;
        }
        std::string lower = Lower(u);
        WordClass c = ClassifyWord(lower);
        if (tok.kind == TokenKind::kWord && (!tok.capitalized || lower == "the") &&
            (c == WordClass::kDeterminer || lower == "of" || lower == "for" ||
             (c == WordClass::kOther && !IsSpeechVerb(LemmaAt(u)) && LemmaAt(u) == lower))) {
          continue;
        }
        break;
      }
    }
    // The role's owners: the named thing after "of" (its last link), and a name right
    // before the title ("a UN rapporteur", "Tesco's CEO").
    std::vector<int> owners;
    if (!post_owners.empty()) owners.push_back(post_owners.back());
    if (!pre_owners.empty() && (post_owners.empty() || pre_owners.size() == 1)) {
      owners.push_back(pre_owners.back());
    }
    if (!entities_[person].dropped &&
        std::find(entities_[person].titles.begin(), entities_[person].titles.end(), title) ==
            entities_[person].titles.end()) {
      entities_[person].titles.push_back(title);
    }
    if (regional && RoleForTitle(title) == RoleKind::kLeader) title = "regional " + title + " employee";
    for (int owner : owners) EmitRole(person, owner, title, phrase_begin, std::max(t, title_end), 0.8);
    return !owners.empty();
  }

  // Relations stated by nouns: "the Russian invasion of Ukraine", "Israel's strikes on Gaza"
  // → attacked; "claimed responsibility for the attack on X" → attacked; "Macron's visit to
  // China" → visited.
  void NounEvents(const Sentence& sentence) {
    static const std::unordered_set<std::string> kAttacks = {
        "invasion", "attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "bombing",
        "bombings", "assault", "offensive", "shelling", "incursion"};
    for (int t = sentence.token_begin + 1; t + 1 < sentence.token_end; ++t) {
      const std::string& w = Lower(t);
      bool attack = kAttacks.count(w) > 0;
      bool visit = w == "visit" || w == "trip";
      if (!attack && !visit) continue;
      // The target: "of/on/against/to [the] Y".
      int k = t + 1;
      const std::string& prep = Lower(k);
      bool attack_prep = prep == "on" || prep == "against" || (prep == "of" && w == "invasion");
      if (attack && !attack_prep) continue;
      if (visit && prep != "to") continue;
      ++k;
      if (k < sentence.token_end && Lower(k) == "the") ++k;
      Arg target = ArgAt(k);
      if (target.entity < 0) continue;
      // The actor right before the noun: a demonym, a name, or a possessive.
      int a = t - 1;
      while (a > sentence.token_begin && tokens_[a].kind == TokenKind::kWord && !tokens_[a].capitalized &&
             ArgEndingAt(a + 1).entity < 0 && ClassifyWord(Lower(a)) == WordClass::kOther && a > t - 3) {
        --a;  // adjectives: "the brutal Russian invasion", "Israel's latest strikes"
      }
      int end = a + 1;
      if (tokens_[a].kind == TokenKind::kPossessive) end = a;
      Arg actor = ArgEndingAt(end);
      if (actor.entity < 0 || actor.entity == target.entity) continue;
      if (attack) {
        Emit(actor.entity, Predicate::kAttacked, target.entity, actor.begin, target.end, 0.65);
      } else if (TypeOf(actor.entity) == EntityType::kPerson && tokens_[a].kind == TokenKind::kPossessive) {
        Emit(actor.entity, Predicate::kVisited, target.entity, actor.begin, target.end, 0.65);
      }
    }
    // "his murder ... by Saudi agents", "the killing of X by Y", "X's assassination by Y":
    // the agent attacked the victim.
    static const std::unordered_set<std::string> kViolence = {
        "murder", "killing", "assassination", "stabbing", "shooting", "abduction", "kidnapping",
        "beating", "torture", "execution"};
    for (int t = sentence.token_begin + 1; t + 2 < sentence.token_end; ++t) {
      if (!kViolence.count(Lower(t)) || tokens_[t].quote >= 0) continue;
      int victim = -1;
      int p = t - 1;
      if (tokens_[p].kind == TokenKind::kPossessive) {
        victim = ArgEndingAt(p).entity;
      } else if (Lower(p) == "his" || Lower(p) == "her") {
        victim = coref_.token_referent[p];
      } else if (Lower(t + 1) == "of") {
        int v = t + 2;
        if (v < sentence.token_end && Lower(v) == "the") ++v;
        victim = ArgAt(v).entity;
      }
      if (victim < 0 || TypeOf(victim) != EntityType::kPerson) continue;
      for (int u = t + 1; u + 1 < sentence.token_end && u <= t + 10; ++u) {
        if (tokens_[u].kind == TokenKind::kPunct || tokens_[u].quote >= 0) break;
        if (Lower(u) != "by") continue;
        for (const Arg& agent : ObjectsFrom(sentence, u + 1)) {
          if (agent.entity == victim) continue;
          Emit(agent.entity, Predicate::kAttacked, victim, t, agent.end, 0.6);
        }
        break;
      }
    }
    // "X claimed responsibility for the attack on Y".
    for (int t = sentence.token_begin + 1; t + 4 < sentence.token_end; ++t) {
      if (LemmaAt(t) != "claim" || Lower(t + 1) != "responsibility" || Lower(t + 2) != "for") continue;
      int k = t + 3;
      if (Lower(k) == "the") ++k;
      if (k + 1 >= sentence.token_end || !kAttacks.count(Lower(k)) ||
          (Lower(k + 1) != "on" && Lower(k + 1) != "in" && Lower(k + 1) != "against")) {
        continue;
      }
      int v = k + 2;
      if (v < sentence.token_end && Lower(v) == "the") ++v;
      Arg target = ArgAt(v);
      if (target.entity < 0) continue;
      for (int s : SubjectsOf(sentence, t, false, nullptr)) {
        Emit(s, Predicate::kAttacked, target.entity, t, target.end, 0.7);
      }
    }
  }

  static bool IsAttackNoun(std::string_view w) {
    static const std::unordered_set<std::string_view> kWords = {
        "attack", "attacks", "bomb", "bombing", "bombings", "assault", "explosion", "explosions", "blast",
        "shooting", "stabbing", "airstrike", "airstrikes", "massacre", "ambush", "raid"};
    return kWords.count(w) > 0;
  }

  // Where an attack told of in sentence `s` happened: a place right before the attack noun
  // ("a Kabul car bombing") or the first place after "in"/"into"/"at" ("bombings took place
  // in Tunisia", "rammed into a military base in Maidan Shahr"); -1 if the sentence tells of
  // no attack.
  int AttackPlace(const Sentence& sentence) const {
    bool attack = false;
    for (int t = sentence.token_begin; t < sentence.token_end && !attack; ++t) {
      if (tokens_[t].kind == TokenKind::kWord && tokens_[t].quote < 0 && IsAttackNoun(Lower(t))) {
        attack = true;
        for (int u = t - 1; u >= sentence.token_begin && u >= t - 3; --u) {
          Arg a = ArgEndingAt(u + 1);
          if (a.entity >= 0 && TypeOf(a.entity) == EntityType::kPlace &&
              coref_.token_mention[a.begin] >= 0 &&
              mentions_[coref_.token_mention[a.begin]].kind == MentionKind::kName) {
            return a.entity;
          }
          if (tokens_[u].kind != TokenKind::kWord || tokens_[u].capitalized) break;
        }
      }
    }
    if (!attack) return -1;
    for (int t = sentence.token_begin; t + 1 < sentence.token_end; ++t) {
      if (tokens_[t].quote >= 0 || (Lower(t) != "in" && Lower(t) != "into" && Lower(t) != "at")) continue;
      for (int u = t + 1; u < sentence.token_end && u <= t + 6; ++u) {
        Arg a = ArgAt(u);
        if (a.entity >= 0) {
          if (TypeOf(a.entity) == EntityType::kPlace) return a.entity;
          break;
        }
        if (tokens_[u].kind == TokenKind::kPunct && tokens_[u].text != ",") break;
        if (tokens_[u].kind == TokenKind::kNumber) break;
      }
    }
    return -1;
  }

  // Who carried out an attack: "X claimed responsibility", "the attack, reportedly conducted
  // by X", "another attack ascribed to X". The target is where the attacks told of in this
  // sentence and the paragraph's previous few sentences took place.
  void AttackAgents(const Sentence& sentence) {
    std::vector<int> agents;
    int at = -1;
    for (int t = sentence.token_begin + 1; t + 1 < sentence.token_end && agents.empty(); ++t) {
      if (tokens_[t].kind != TokenKind::kWord || tokens_[t].quote >= 0) continue;
      const std::string& lemma = LemmaAt(t);
      if (lemma == "claim" && Lower(t + 1) == "responsibility") {
        if (Negated(sentence, t)) continue;
        agents = SubjectsOf(sentence, t, false, nullptr);
        if (agents.empty() && tokens_[t - 1].text == ",") {
          // "The militant organisation, the Islamic State, claimed responsibility".
          Arg closing = ArgEndingAt(t - 1);
          int open = closing.entity >= 0 ? closing.begin - 1 : -1;
          if (open > sentence.token_begin && Lower(open) == "the") --open;
          if (closing.entity >= 0 && open > sentence.token_begin && tokens_[open].text == "," &&
              TypeOf(closing.entity) == EntityType::kOrganization) {
            agents.push_back(closing.entity);
          }
        }
        at = t;
        continue;
      }
      // The suffix rules leave "ascribed" as "ascrib": both forms are listed.
      static const std::unordered_set<std::string> kAgentive = {
          "conduct", "carry", "ascribe", "ascrib", "attribute", "attribut", "blame", "perpetrate",
          "perpetrat", "launch", "claim", "commit"};
      bool agentive = kAgentive.count(lemma) > 0;
      if (!agentive || Lower(t) == lemma) continue;
      bool after_attack = false;
      for (int u = t - 1; u >= sentence.token_begin && u >= t - 4; --u) {
        if (IsAttackNoun(Lower(u))) after_attack = true;
      }
      if (!after_attack) continue;
      int u = t + 1;
      if (lemma == "carry" && Lower(u) == "out") ++u;
      if (u >= sentence.token_end) continue;
      const std::string& prep = Lower(u);
      if (prep != "by" && prep != "to" && prep != "on") continue;
      for (const Arg& a : ObjectsFrom(sentence, u + 1)) {
        if (TypeOf(a.entity) == EntityType::kOrganization || TypeOf(a.entity) == EntityType::kPerson) {
          agents.push_back(a.entity);
        }
      }
      at = t;
    }
    if (agents.empty()) return;
    for (int s = sentence_; s >= 0 && s >= sentence_ - 4; --s) {
      const Sentence& earlier = doc_.sentences[s];
      if (earlier.headline || earlier.paragraph != sentence.paragraph) break;
      int place = AttackPlace(earlier);
      if (place < 0) continue;
      for (int agent : agents) Emit(agent, Predicate::kAttacked, place, at, at + 2, 0.6);
    }
  }

  // Stances stated by nouns: "X's support for Y", "X's rejection of Y", "X expressed its
  // support for Y", "voiced opposition to Y", "expressed favourable interest in Y".
  void NounStances(const Sentence& sentence) {
    static const std::unordered_set<std::string> kExpress = {
        "express", "voice", "declare", "reiterate", "reaffirm", "pledge", "offer", "give",
        "show", "signal", "announce", "repeat", "restate", "confirm", "register"};
    for (int t = sentence.token_begin + 1; t + 2 < sentence.token_end; ++t) {
      if (tokens_[t].kind != TokenKind::kWord || tokens_[t].capitalized || tokens_[t].quote >= 0) continue;
      const std::string& w = Lower(t);
      const std::string& prep = Lower(t + 1);
      int stance = 0;
      if (w == "support" || w == "backing" || w == "endorsement") {
        if (prep == "for" || prep == "of") stance = 1;
      } else if (w == "interest") {
        const std::string& adjective = Lower(t - 1);
        if (prep == "in" && (adjective == "favorable" || adjective == "favourable" || adjective == "positive" ||
                             adjective == "keen" || adjective == "strong")) {
          stance = 1;
        }
      } else if (w == "opposition" || w == "rejection" || w == "condemnation" || w == "criticism" ||
                 w == "denunciation") {
        if (prep == "to" || prep == "of" || prep == "against") stance = -1;
      }
      if (stance == 0) continue;
      // The holder: a possessor ("Turkey's rejection of") or the subject of a verb of
      // expressing ("expressed its strong support for").
      std::vector<int> holders;
      int u = t - 1;
      while (u > sentence.token_begin && tokens_[u].kind == TokenKind::kWord && !tokens_[u].capitalized &&
             ClassifyWord(Lower(u)) == WordClass::kOther && ArgEndingAt(u + 1).entity < 0 && u > t - 3 &&
             !kExpress.count(LemmaAt(u))) {
        --u;  // adjectives: "strong", "favorable", "full"
      }
      if (tokens_[u].kind == TokenKind::kPossessive) {
        Arg owner = ArgEndingAt(u);
        if (owner.entity >= 0 && IsActor(TypeOf(owner.entity))) holders.push_back(owner.entity);
      } else {
        int verb = u;
        if (tokens_[verb].kind == TokenKind::kWord &&
            (ClassifyWord(Lower(verb)) == WordClass::kDeterminer || ClassifyWord(Lower(verb)) == WordClass::kPronoun)) {
          --verb;  // "its", "their", "the"
        }
        if (verb >= sentence.token_begin && tokens_[verb].kind == TokenKind::kWord && kExpress.count(LemmaAt(verb)) &&
            Lower(verb) != LemmaAt(verb) && !Negated(sentence, verb)) {
          holders = SubjectsOf(sentence, verb, true, nullptr);
        }
      }
      if (holders.empty()) continue;
      Predicate p = stance > 0 ? Predicate::kSupports : Predicate::kOpposes;
      StanceObjects(sentence, holders, p, t, t + 2, false);
    }
  }

  // Acts that take a side on a work: "expelled the ambassador over the agreement" (opposes);
  // "called on Italy and Egypt to join the project" (supports).
  void StanceActs(const Sentence& sentence) {
    for (int v = sentence.token_begin; v + 2 < sentence.token_end; ++v) {
      if (tokens_[v].kind != TokenKind::kWord || tokens_[v].capitalized || tokens_[v].quote >= 0) continue;
      const std::string& lemma = LemmaAt(v);
      if (Lower(v) == lemma) continue;  // verbs in a finite or participle form only
      bool protest = lemma == "expel" || lemma == "recall" || lemma == "summon" || lemma == "protest" ||
                     lemma == "boycott" || lemma == "withdraw";
      bool request = IsRequestVerb(lemma) || lemma == "invite";
      if (!protest && !request) continue;
      if (Negated(sentence, v)) continue;
      int work = -1;
      int end = v + 1;
      for (int u = v + 1; u + 1 < sentence.token_end && u < v + 12; ++u) {
        if (tokens_[u].kind == TokenKind::kPunct || tokens_[u].quote >= 0) break;
        const std::string& w = Lower(u);
        if (protest && (w == "over" || (lemma == "withdraw" && w == "from"))) {
          int np_end = 0;
          if (u + 2 < sentence.token_end && (Lower(u + 1) == "this" || Lower(u + 1) == "that") &&
              (Lower(u + 2) == "issue" || Lower(u + 2) == "matter" || Lower(u + 2) == "move")) {
            // "over this issue": the work just discussed, within the last two sentences.
            work = LatestWorkSite(u);
            end = u + 3;
          } else {
            work = WorkAt(sentence, u + 1, &np_end);
            end = np_end;
          }
          break;
        }
        if (request && w == "to" && u + 2 < sentence.token_end) {
          const std::string& next = LemmaAt(u + 1);
          if (next == "join" || next == "support" || next == "back" || next == "sign" || next == "ratify" ||
              next == "implement" || next == "endorse") {
            int np_end = 0;
            work = WorkAt(sentence, u + 2, &np_end);
            end = np_end;
          }
          break;
        }
      }
      if (work < 0) continue;
      std::vector<int> subjects = SubjectsOf(sentence, v, true, nullptr);
      Predicate p = protest ? Predicate::kOpposes : Predicate::kSupports;
      for (int s : subjects) Emit(s, p, work, v, end, 0.6);
    }
  }

  // Interactions stated by nouns: "had a phone conversation with X", "held talks with X"
  // (talked-with); "held a meeting with X" (met-with).
  void NounInteractions(const Sentence& sentence) {
    for (int v = sentence.token_begin + 1; v + 3 < sentence.token_end; ++v) {
      const std::string& lemma = LemmaAt(v);
      if (tokens_[v].kind != TokenKind::kWord || tokens_[v].quote >= 0 || Lower(v) == lemma ||
          (lemma != "have" && lemma != "hold")) {
        continue;
      }
      int u = v + 1;
      for (int skipped = 0; u < sentence.token_end && skipped < 3 && tokens_[u].kind == TokenKind::kWord &&
                            !tokens_[u].capitalized && Lower(u) != "with" && ArgAt(u).entity < 0;
           ++skipped) {
        const std::string& w = Lower(u);
        if (w == "talks" || w == "conversation" || w == "conversations" || w == "call" || w == "meeting" ||
            w == "discussion" || w == "discussions" || w == "meetings") {
          break;
        }
        ++u;  // "a", "phone", "private", "lengthy"
      }
      if (u + 1 >= sentence.token_end || Lower(u + 1) != "with") continue;
      const std::string& noun = Lower(u);
      Predicate p;
      if (noun == "meeting" || noun == "meetings") {
        p = Predicate::kMetWith;
      } else if (noun == "talks" || noun == "conversation" || noun == "conversations" || noun == "call" ||
                 noun == "discussion" || noun == "discussions") {
        p = Predicate::kTalkedWith;
      } else {
        continue;
      }
      if (Negated(sentence, v)) continue;
      std::vector<int> subjects = SubjectsOf(sentence, v, false, nullptr);
      for (const Arg& o : ObjectsFrom(sentence, u + 2)) {
        for (int s : subjects) Emit(s, p, o.entity, v, o.end, 0.7);
      }
    }
  }

  // Accusations by naming: "labelled the group as terrorists", "branded X a war criminal",
  // "designated X a terrorist organisation".
  void NamingAccusations(const Sentence& sentence) {
    static const std::unordered_set<std::string> kCharges = {
        "terrorist", "terrorists", "criminal", "criminals", "murderer", "murderers", "aggressor",
        "traitor", "traitors", "liar", "war-criminal", "extremist", "extremists", "terrorism"};
    for (int v = sentence.token_begin + 1; v + 2 < sentence.token_end; ++v) {
      if (tokens_[v].kind != TokenKind::kWord || tokens_[v].capitalized || tokens_[v].quote >= 0) continue;
      const std::string& lemma = LemmaAt(v);
      if (Lower(v) == lemma) continue;
      if (lemma != "label" && lemma != "brand" && lemma != "call" && lemma != "designate" && lemma != "dub" &&
          lemma != "describe" && lemma != "list") {
        continue;
      }
      std::vector<Arg> objects = ObjectsFrom(sentence, v + 1);
      if (objects.empty()) continue;
      int u = objects.back().end;
      bool charge = false;
      for (int j = u; j < sentence.token_end && j < u + 5; ++j) {
        if (tokens_[j].kind != TokenKind::kWord && tokens_[j].kind != TokenKind::kOpenQuote &&
            tokens_[j].kind != TokenKind::kCloseQuote) {
          break;
        }
        if (kCharges.count(Lower(j))) {
          charge = true;
          break;
        }
      }
      if (!charge || Negated(sentence, v)) continue;
      std::vector<int> subjects = SubjectsOf(sentence, v, true, nullptr);
      for (const Arg& o : objects) {
        if (!IsActor(TypeOf(o.entity))) continue;
        for (int s : subjects) Emit(s, Predicate::kAccused, o.entity, v, o.end, 0.6);
      }
    }
  }

  // Partners of a joint work: "EuroAfrica Interconnector, a similar project between Greece,
  // Cyprus and Egypt"; "the pipeline is a project involving A and B" → each works on it.
  void WorkPartners(const Sentence& sentence) {
    static const std::unordered_set<std::string> kJoint = {
        "project", "effort", "initiative", "venture", "partnership", "collaboration", "pipeline",
        "programme", "program", "undertaking"};
    for (int t = sentence.token_begin + 1; t + 3 < sentence.token_end; ++t) {
      if (!kJoint.count(Lower(t))) continue;
      std::vector<Arg> partners;
      if (Lower(t + 1) == "between" || Lower(t + 1) == "involving") partners = ObjectsFrom(sentence, t + 2);
      if (partners.size() < 2) {
        // "an Israeli-Cypriot-Greek effort": the demonyms of one hyphenated word.
        partners.clear();
        int c = t - 1;
        if (c > sentence.token_begin && coref_.token_mention[c] < 0 && tokens_[c].kind == TokenKind::kWord &&
            !tokens_[c].capitalized) {
          --c;  // "a Franco-German joint project"
        }
        for (int m = coref_.token_mention[c]; m >= 0 && m < static_cast<int>(mentions_.size()) &&
                                              mentions_[m].token_begin == c;
             ++m) {
          if (mentions_[m].kind == MentionKind::kDemonym && mentions_[m].entity >= 0) {
            partners.push_back(Arg{mentions_[m].entity, c, c + 1});
          }
        }
        if (partners.size() < 2) continue;
      }
      int work = -1;
      Arg named = ArgEndingAt(t + 1);
      if (named.entity >= 0 && TypeOf(named.entity) == EntityType::kWork) work = named.entity;
      for (int u = t - 1; work < 0 && u > sentence.token_begin && u >= t - 5; --u) {
        const std::string& w = Lower(u);
        if (w == "," || w == "is" || w == "was" || w == "remains") {
          Arg before = ArgEndingAt(u);
          if (before.entity >= 0 && TypeOf(before.entity) == EntityType::kWork) work = before.entity;
          break;
        }
        if (tokens_[u].kind != TokenKind::kWord || (tokens_[u].capitalized && coref_.token_mention[u] < 0)) break;
      }
      if (work < 0) continue;
      for (const Arg& p : partners) Emit(p.entity, Predicate::kWorksOn, work, t, p.end, 0.6);
    }
  }

  // Affiliations stated around a name: "said Ryan Cloutier of the Harvard Center" (a job at
  // the organisation, or an office in a state body); "X resumed the office of Speaker of
  // the House" (the title's role); "A and fellow Republican B" (A is a member too); "X ...
  // as part of The Wyatt Family" (a member).
  void Affiliations(const Sentence& sentence) {
    for (int t = sentence.token_begin; t + 2 < sentence.token_end; ++t) {
      Arg person = ArgAt(t);
      if (person.entity >= 0 && TypeOf(person.entity) == EntityType::kPerson && person.end + 1 < sentence.token_end) {
        int k = person.end;
        if (tokens_[k].text == "," && k + 2 < sentence.token_end && Lower(k + 1) == "of") ++k;
        if (Lower(k) == "of") {
          int o = k + 1;
          if (Lower(o) == "the") ++o;
          Arg org = ArgAt(o);
          int m = org.entity >= 0 ? coref_.token_mention[org.begin] : -1;
          const std::string& org_name = entities_[org.entity < 0 ? 0 : org.entity].name;
          bool political = org_name.find("Party") != std::string::npos || org_name.find("Movement") != std::string::npos ||
                           org_name.find("Front") != std::string::npos || org_name.find("Alliance") != std::string::npos;
          // A one-word name is often a fragment ("the Bill" of a foundation): names and
          // acronyms only.
          bool solid = org.entity >= 0 && (org.end - org.begin >= 2 || tokens_[org.begin].all_caps);
          if (org.entity >= 0 && TypeOf(org.entity) == EntityType::kOrganization && m >= 0 &&
              mentions_[m].kind == MentionKind::kName && !political && solid) {
            Predicate p = entities_[org.entity].government ? Predicate::kOfficialOf : Predicate::kEmployeeOf;
            Emit(person.entity, p, org.entity, person.begin, org.end, 0.65);
          }
        }
      }
      const std::string& w = Lower(t);
      if ((w == "office" || w == "post" || w == "position" || w == "role") && t > sentence.token_begin &&
          Lower(t - 1) == "the" && Lower(t + 1) == "of" && t >= sentence.token_begin + 2) {
        int verb = t - 2;
        const std::string& lemma = LemmaAt(verb);
        if (lemma == "resume" || lemma == "hold" || lemma == "take" || lemma == "assume" || lemma == "win" ||
            lemma == "retain" || lemma == "keep" || lemma == "regain" || lemma == "occupy") {
          for (int holder : SubjectsOf(sentence, verb, false, nullptr)) {
            if (TypeOf(holder) == EntityType::kPerson) ParseTitlePhrase(holder, t + 2, sentence.token_end, verb);
          }
        }
      }
      if (w == "fellow" && t >= sentence.token_begin + 2 && Lower(t - 1) == "and") {
        int m = coref_.token_mention[t + 1];
        Arg first = ArgEndingAt(t - 1);
        if (m >= 0 && mentions_[m].kind == MentionKind::kParty && mentions_[m].entity >= 0 && first.entity >= 0 &&
            TypeOf(first.entity) == EntityType::kPerson) {
          Emit(first.entity, Predicate::kMemberOf, mentions_[m].entity, first.begin, t + 2, 0.7);
        }
      }
      if (w == "as" && Lower(t + 1) == "part" && t + 3 < sentence.token_end && Lower(t + 2) == "of") {
        int o = t + 3;
        if (Lower(o) == "the" && ArgAt(o).entity < 0) ++o;
        Arg group = ArgAt(o);
        if (group.entity < 0 || TypeOf(group.entity) != EntityType::kOrganization) continue;
        // The clause's verb before "as part of": its subject, and a partner "with Y".
        for (int v = t - 1; v > sentence.token_begin && v > t - 8; --v) {
          if (tokens_[v].kind != TokenKind::kWord || tokens_[v].capitalized || Lower(v) == LemmaAt(v) ||
              ClassifyWord(Lower(v)) != WordClass::kOther) {
            continue;
          }
          for (int member : SubjectsOf(sentence, v, false, nullptr)) {
            if (TypeOf(member) == EntityType::kPerson) Emit(member, Predicate::kMemberOf, group.entity, v, group.end, 0.6);
          }
          if (Lower(v + 1) == "with") {
            Arg partner = ArgAt(v + 2);
            if (partner.entity >= 0 && partner.end == t && TypeOf(partner.entity) == EntityType::kPerson) {
              Emit(partner.entity, Predicate::kMemberOf, group.entity, v, group.end, 0.6);
            }
          }
          break;
        }
      }
    }
  }

  // +1 for a favourable judgement ("a good plan", "legitimate"), -1 for a hostile one ("null
  // and void", "unacceptable"), 0 otherwise. Feasibility ("unrealistic") is no stance.
  static int Judgement(std::string_view w) {
    static const std::unordered_set<std::string_view> kGood = {
        "good", "great", "acceptable", "legitimate", "fair", "positive", "excellent", "welcome",
        "beneficial", "constructive", "promising", "historic"};
    static const std::unordered_set<std::string_view> kBad = {
        "unacceptable", "null", "void", "illegal", "illegitimate", "invalid", "ridiculous",
        "absurd", "unjust", "unfair", "dangerous", "harmful", "wrong", "bad", "terrible",
        "disastrous", "catastrophic", "outrageous", "shameful", "reckless", "provocative",
        "unlawful", "destructive", "irresponsible", "hostile", "worthless"};
    if (kGood.count(w)) return 1;
    if (kBad.count(w)) return -1;
    return 0;
  }

  // The latest named work whose head is before token `t`, in its sentence or the one before
  // ("over this issue", "It was co-sponsored by"); -1 if none.
  int LatestWorkSite(int t) const {
    auto site = std::lower_bound(work_sites_.begin(), work_sites_.end(), std::make_pair(t, -1));
    if (site == work_sites_.begin()) return -1;
    --site;
    return tokens_[site->first].sentence >= tokens_[t].sentence - 1 ? site->second : -1;
  }

  // The latest work named before token `t` (for "it" in "calling it null and void").
  int WorkBefore(int t) const {
    for (int u = t - 1; u >= 0 && u > t - 80; --u) {
      Arg a = ArgEndingAt(u + 1);
      if (a.entity >= 0 && TypeOf(a.entity) == EntityType::kWork) return a.entity;
    }
    return -1;
  }

  // People named together in a recent sentence: what a stance's "they" stands for.
  std::vector<int> RecentGroup(int sentence) const {
    for (int s = sentence - 1; s >= 0 && s >= sentence - 2; --s) {
      std::vector<int> people;
      for (int t = doc_.sentences[s].token_begin; t < doc_.sentences[s].token_end; ++t) {
        int m = coref_.token_mention[t];
        if (m >= 0 && mentions_[m].token_begin == t && mentions_[m].entity >= 0 &&
            TypeOf(mentions_[m].entity) == EntityType::kPerson &&
            std::find(people.begin(), people.end(), mentions_[m].entity) == people.end()) {
          people.push_back(mentions_[m].entity);
        }
      }
      if (people.size() >= 2) return people;
    }
    return {};
  }

  // Judgements of a work: "calling it \"null and void\"", "called the border agreement
  // \"null and void\"", "saying it's a good plan", "concluded that the agreement is null".
  void Evaluations(const Sentence& sentence) {
    for (int v = sentence.token_begin; v < sentence.token_end; ++v) {
      if (tokens_[v].kind != TokenKind::kWord || tokens_[v].capitalized || tokens_[v].quote >= 0) continue;
      const std::string& lemma = LemmaAt(v);
      bool naming = lemma == "call" || lemma == "describe" || lemma == "label" || lemma == "deem" ||
                    lemma == "term" || lemma == "brand" || lemma == "dub";
      bool speech = IsSpeechVerb(lemma);
      if (!naming && !speech) continue;
      int k = v + 1;
      if (speech && k < sentence.token_end && Lower(k) == "that") ++k;
      if (k >= sentence.token_end) continue;
      int work = -1;
      int after = k;
      Arg a = ArgAt(k);
      if (a.entity >= 0 && TypeOf(a.entity) == EntityType::kWork) {
        work = a.entity;
        after = a.end;
      } else if (Lower(k) == "it" || Lower(k) == "them") {
        work = WorkBefore(k);
        after = k + 1;
      } else {
        int np_end = 0;
        if (ClassifyWord(Lower(k)) == WordClass::kDeterminer) work = WorkAt(sentence, k, &np_end, true);
        if (work >= 0) after = np_end;
      }
      if (work < 0) continue;
      // The judgement: right after the object (naming verbs) or after a copula.
      int u = after;
      if (speech) {
        // Skip the object's complements up to its verb: "between Turkey and Libya is".
        int limit = std::min(sentence.token_end, after + 12);
        while (u < limit && !(LemmaAt(u) == "be" || tokens_[u].text == "\xE2\x80\x99s" || tokens_[u].text == "'s")) ++u;
        if (u >= limit) continue;
        ++u;
      }
      int judgement = 0;
      for (int j = u; j < sentence.token_end && j < u + 5; ++j) {
        if (tokens_[j].kind == TokenKind::kPunct && tokens_[j].text != "," && tokens_[j].text != "-") break;
        if (Lower(j) == "not" || Lower(j) == "n't") break;
        if (tokens_[j].kind == TokenKind::kWord) judgement = Judgement(Lower(j));
        if (judgement != 0) break;
      }
      if (judgement == 0) continue;
      std::vector<int> subjects = SubjectsOf(sentence, v, true, nullptr);
      if (subjects.empty() && v > sentence.token_begin && (Lower(v - 1) == "they" || Lower(v - 1) == "they")) {
        subjects = RecentGroup(sentence_);
      }
      Predicate p = judgement > 0 ? Predicate::kSupports : Predicate::kOpposes;
      for (int s : subjects) Emit(s, p, work, v, u + 1, 0.65);
    }
  }

  // "Egyptian foreign minister A and his Greek, Cypriot and French counterparts, B, C and D,
  // respectively": each counterpart holds the first one's title for their own country.
  void Counterparts(const Sentence& sentence) {
    for (int c = sentence.token_begin + 1; c + 2 < sentence.token_end; ++c) {
      const std::string& w = Lower(c);
      if (w != "counterparts" && w != "counterpart") continue;
      std::vector<int> places;
      int u = c - 1;
      while (u >= sentence.token_begin) {
        Arg a = ArgEndingAt(u + 1);
        if (a.entity >= 0 && TypeOf(a.entity) == EntityType::kPlace) {
          places.insert(places.begin(), a.entity);
          u = a.begin - 1;
          continue;
        }
        if (tokens_[u].text == "," || tokens_[u].text == "and") {
          --u;
          continue;
        }
        break;
      }
      // The title: the nearest titled person before the list.
      std::string title;
      for (int t = u; t >= sentence.token_begin; --t) {
        int m = coref_.token_mention[t];
        if (m >= 0 && !mentions_[m].title.empty() && mentions_[m].type == EntityType::kPerson) {
          title = mentions_[m].title;
          break;
        }
      }
      std::vector<Arg> people;
      int k = c + 1;
      if (k < sentence.token_end && tokens_[k].text == ",") ++k;
      while (k < sentence.token_end) {
        Arg p = ArgAt(k);
        if (p.entity < 0 || TypeOf(p.entity) != EntityType::kPerson) break;
        people.push_back(p);
        k = p.end;
        if (k < sentence.token_end && tokens_[k].text == ",") ++k;
        if (k < sentence.token_end && tokens_[k].text == "and") ++k;
      }
      if (title.empty() || places.empty() || places.size() != people.size()) continue;
      for (size_t i = 0; i < people.size(); ++i) {
        EmitRole(people[i].entity, places[i], title, c, people[i].end, 0.7);
      }
    }
  }

  // "Senators A of Florida, B of Utah, and C of Georgia, all Republicans": each is a member;
  // "some Democrats, such as former Representative X": X is one.
  void PartyLists(const Sentence& sentence) {
    for (int t = sentence.token_begin + 2; t < sentence.token_end; ++t) {
      int m = coref_.token_mention[t];
      if (m < 0 || mentions_[m].kind != MentionKind::kParty || mentions_[m].entity < 0) continue;
      int party = mentions_[m].entity;
      if (Lower(t - 1) == "all" && tokens_[t - 2].text == ",") {
        int u = t - 3;
        while (u >= sentence.token_begin) {
          Arg a = ArgEndingAt(u + 1);
          if (a.entity >= 0) {
            if (TypeOf(a.entity) == EntityType::kPerson) Emit(a.entity, Predicate::kMemberOf, party, a.begin, t + 1, 0.7);
            u = a.begin - 1;
            if (u >= sentence.token_begin && Lower(u) == "of") --u;
            continue;
          }
          if (tokens_[u].text == "," || tokens_[u].text == "and") {
            --u;
            continue;
          }
          break;
        }
      }
      int k = mentions_[m].token_end;
      if (k < sentence.token_end && tokens_[k].text == ",") ++k;
      if (k + 1 < sentence.token_end && ((Lower(k) == "such" && Lower(k + 1) == "as") || Lower(k) == "including")) {
        k += Lower(k) == "such" ? 2 : 1;
        for (int u = k; u < sentence.token_end && u < k + 5; ++u) {
          Arg p = ArgAt(u);
          if (p.entity >= 0) {
            if (TypeOf(p.entity) == EntityType::kPerson) Emit(p.entity, Predicate::kMemberOf, party, t, p.end, 0.7);
            break;
          }
        }
      }
    }
  }

  // "X, in remarks to ABC, said", "in an interview with the BBC, X said": the speaker
  // talked with the outlet.
  void Interviews(const Sentence& sentence) {
    for (int t = sentence.token_begin; t + 2 < sentence.token_end; ++t) {
      const std::string& w = Lower(t);
      bool remarks = (w == "remarks" || w == "comments") && Lower(t + 1) == "to";
      bool interview = w == "interview" && Lower(t + 1) == "with";
      if (!remarks && !interview) continue;
      int k = t + 2;
      if (k < sentence.token_end && ClassifyWord(Lower(k)) == WordClass::kDeterminer) ++k;
      Arg hearer = ExpandTitled(ArgAt(k));
      if (hearer.entity < 0) continue;
      // The speaker: the main verb's subject.
      for (int v = hearer.end; v < sentence.token_end && v < hearer.end + 25; ++v) {
        if (tokens_[v].kind == TokenKind::kWord && !tokens_[v].capitalized && IsSpeechVerb(LemmaAt(v)) &&
            ArgAt(v).entity < 0) {
          std::vector<int> speakers = SubjectsOf(sentence, v, false, nullptr);
          if (speakers.empty()) {
            // "X, in remarks to ABC, said": the name before the phrase.
            int before = t - 1;
            while (before > sentence.token_begin && ClassifyWord(Lower(before)) == WordClass::kPreposition) --before;
            if (before > sentence.token_begin && tokens_[before].text == ",") {
              Arg x = ArgEndingAt(before);
              if (x.entity >= 0) speakers.push_back(x.entity);
            }
          }
          for (int s : speakers) Emit(s, Predicate::kTalkedWith, hearer.entity, t, hearer.end, 0.7);
          break;
        }
      }
    }
  }

  void Appositions(const Sentence& sentence) {
    for (int t = sentence.token_begin; t < sentence.token_end; ++t) {
      Arg a = ArgAt(t);
      if (a.entity < 0 || TypeOf(a.entity) != EntityType::kPerson ||
          coref_.token_referent[t] >= 0) {
        continue;
      }
      int k = a.end;
      if (k >= sentence.token_end) continue;
      // "Adamowicz's former party Civic Platform": membership.
      if (tokens_[k].kind == TokenKind::kPossessive) {
        int u = k + 1;
        while (u < sentence.token_end && (Lower(u) == "former" || Lower(u) == "own" || Lower(u) == "political")) ++u;
        if (u + 1 < sentence.token_end && Lower(u) == "party") {
          Arg party = ArgAt(u + 1);
          if (party.entity >= 0 && TypeOf(party.entity) == EntityType::kOrganization) {
            Emit(a.entity, Predicate::kMemberOf, party.entity, a.begin, party.end, 0.75);
          }
        }
      }
      // "Martin Smith of PBS": a person of a (non-government) organisation works for it.
      if (tokens_[k].text == "of" && k + 1 < sentence.token_end) {
        Arg org = ArgAt(k + 1);
        if (org.entity >= 0 && TypeOf(org.entity) == EntityType::kOrganization && !entities_[org.entity].government &&
            (org.end >= sentence.token_end || tokens_[org.end].kind == TokenKind::kPunct)) {
          Emit(a.entity, Predicate::kEmployeeOf, org.entity, a.begin, org.end, 0.6);
        }
      }
      if (tokens_[k].text == ",") {
        // "Kaja Kallas, the European Union's foreign policy chief, added"
        bool found = ParseTitlePhrase(a.entity, k + 1, std::min(sentence.token_end, k + 16), k + 1);
        // "Jamal Khashoggi, a Saudi national, was a columnist for ...": the copula after.
        if (!found) {
          int close = k + 1;
          while (close < sentence.token_end && close < k + 12 && tokens_[close].text != ",") ++close;
          if (close + 1 < sentence.token_end && tokens_[close].text == ",") {
            int u = close + 1;
            if (LemmaAt(u) == "be" && ArgAt(u).entity < 0) {
              ParseTitlePhrase(a.entity, u + 1, std::min(sentence.token_end, u + 16), u);
            }
          }
        }
      } else {
        // Copulas: "Peskov is the Kremlin's spokesman", "has been mayor since 1998".
        int u = k;
        while (u < sentence.token_end && u < k + 3 &&
               ClassifyWord(Lower(u)) == WordClass::kAdverb) {
          ++u;
        }
        std::string lemma = LemmaAt(u);
        if (lemma == "have" && u + 1 < sentence.token_end && Lower(u + 1) == "been") ++u;
        lemma = LemmaAt(u);
        if (lemma == "be" || lemma == "become" || (lemma == "serve" && u + 1 < sentence.token_end &&
                                                  Lower(u + 1) == "as")) {
          if (lemma == "serve") ++u;
          ParseTitlePhrase(a.entity, u + 1, std::min(sentence.token_end, u + 16), u);
        }
      }
      // Reverse apposition: "Mahan's director, Hamid Arabnejad Khanooki".
      int c = a.begin - 1;
      if (c > sentence.token_begin && tokens_[c].text == "," && coref_.token_referent[a.begin] < 0) {
        int b = c - 1;
        int title_end = c;
        while (b >= sentence.token_begin && tokens_[b].kind == TokenKind::kWord &&
               (LookupTitleWord(Lower(b)) != RoleKind::kNone || IsTitleModifier(Lower(b)))) {
          --b;
        }
        // "A member of the Tunisian Parliament, Samir Dilou said".
        Arg of_owner = ArgEndingAt(c);
        if (b == c - 1 && of_owner.entity >= 0 && TypeOf(of_owner.entity) != EntityType::kPerson) {
          int o = of_owner.begin - 1;
          if (o > sentence.token_begin && Lower(o) == "the") --o;
          if (o > sentence.token_begin && Lower(o) == "of") {
            int title_last = o - 1;
            int tb = title_last;
            while (tb >= sentence.token_begin && tokens_[tb].kind == TokenKind::kWord &&
                   (LookupTitleWord(Lower(tb)) != RoleKind::kNone || IsTitleModifier(Lower(tb)))) {
              --tb;
            }
            bool clause_start = tb < sentence.token_begin || ClassifyWord(Lower(tb)) == WordClass::kDeterminer;
            if (tb < title_last && clause_start && LookupTitleWord(Lower(title_last)) != RoleKind::kNone) {
              EmitRole(a.entity, of_owner.entity, ToLower(Text(tb + 1, title_last + 1)), tb + 1, a.end, 0.75);
            }
          }
        }
        if (b < c - 1 && LookupTitleWord(Lower(c - 1)) != RoleKind::kNone) {
          int owner_end = b + 1;
          if (tokens_[b].kind == TokenKind::kPossessive) owner_end = b;
          Arg owner = ArgEndingAt(owner_end);
          if (owner.entity >= 0 && owner.entity != a.entity) {
            EmitRole(a.entity, owner.entity, ToLower(Text(b + 1, title_end)), owner.begin, a.end, 0.8);
          }
        }
      }
    }
  }

  // ---- located-in -------------------------------------------------------------------------

  bool IsCountryArg(const Arg& a) const { return a.entity >= 0 && entities_[a.entity].country; }

  void LocatedIn(const Sentence& sentence) {
    for (int t = sentence.token_begin; t < sentence.token_end; ++t) {
      Arg x = ArgAt(t);
      if (x.entity < 0 || coref_.token_referent[t] >= 0) continue;
      int mention = coref_.token_mention[t];
      bool demonym = mention >= 0 && mentions_[mention].kind == MentionKind::kDemonym;
      EntityType xt = TypeOf(x.entity);
      // "Otranto, Italy": a place and then its country, not inside a list of countries.
      if (!demonym && (xt == EntityType::kPlace || xt == EntityType::kOrganization) &&
          !entities_[x.entity].country && x.end + 1 < sentence.token_end && tokens_[x.end].text == ",") {
        Arg y = ArgAt(x.end + 1);
        int ym = coref_.token_mention[x.end + 1];
        bool y_demonym = ym >= 0 && mentions_[ym].kind == MentionKind::kDemonym;
        // "Phil Collins, U.S. Prohibition Party nominee": the country modifies what follows.
        bool modifier = y.entity >= 0 && y.end < sentence.token_end &&
                        tokens_[y.end].kind == TokenKind::kWord && tokens_[y.end].capitalized;
        if (IsCountryArg(y) && !y_demonym && y.entity != x.entity && !modifier) {
          bool list_follows = y.end < sentence.token_end &&
                              (tokens_[y.end].text == "and" ||
                               (tokens_[y.end].text == "," && y.end + 1 < sentence.token_end &&
                                ArgAt(y.end + 1).entity >= 0 && IsCountryArg(ArgAt(y.end + 1))));
          bool list_before = t - 1 >= sentence.token_begin &&
                             (tokens_[t - 1].text == "," || tokens_[t - 1].text == "and") &&
                             ArgEndingAt(t - 1).entity >= 0;
          if (!list_follows && !list_before) {
            Emit(x.entity, Predicate::kLocatedIn, y.entity, x.begin, y.end, 0.85);
          }
        }
      }
      // "the Atlantic Council's Washington headquarters": where an organisation sits.
      if (xt == EntityType::kOrganization && !demonym && x.end + 2 < sentence.token_end &&
          tokens_[x.end].kind == TokenKind::kPossessive) {
        static const std::unordered_set<std::string> kSeats = {"headquarters", "head", "office", "offices",
                                                                "base", "campus", "plant", "factory", "branch"};
        Arg y = ArgAt(x.end + 1);
        if (y.entity >= 0 && TypeOf(y.entity) == EntityType::kPlace && y.end < sentence.token_end &&
            kSeats.count(Lower(y.end))) {
          Emit(x.entity, Predicate::kLocatedIn, y.entity, x.begin, y.end + 1, 0.75);
        }
      }
      // "Afghanistan's Maidan Wardak province": a country's place.
      if (IsCountryArg(x) && !demonym && x.end + 1 < sentence.token_end &&
          tokens_[x.end].kind == TokenKind::kPossessive) {
        Arg y = ArgAt(x.end + 1);
        if (y.entity >= 0 && y.entity != x.entity && TypeOf(y.entity) == EntityType::kPlace &&
            !entities_[y.entity].country) {
          Emit(y.entity, Predicate::kLocatedIn, x.entity, x.begin, y.end, 0.75);
        }
      }
      // "the United States city of Chicago", "the Polish city of Gdańsk".
      if ((demonym || IsCountryArg(x)) && x.end + 2 < sentence.token_end) {
        static const std::unordered_set<std::string> kKinds = {
            "city", "town", "village", "region", "province", "state", "capital", "island",
            "port", "district", "county", "municipality"};
        if (kKinds.count(Lower(x.end)) && Lower(x.end + 1) == "of") {
          Arg y = ArgAt(x.end + 2);
          if (y.entity >= 0 && y.entity != x.entity && TypeOf(y.entity) == EntityType::kPlace &&
              !entities_[y.entity].country) {
            Emit(y.entity, Predicate::kLocatedIn, x.entity, x.begin, y.end, 0.8);
          }
        }
      }
      // "in Athens at the Zappeion Hall": a site inside the place just named.
      if (xt == EntityType::kPlace && !entities_[x.entity].country && t > sentence.token_begin &&
          Lower(t - 1) == "in" && x.end + 1 < sentence.token_end && Lower(x.end) == "at") {
        int v = x.end + 1;
        if (v < sentence.token_end && Lower(v) == "the") ++v;
        Arg y = ArgAt(v);
        if (y.entity >= 0 && y.entity != x.entity && TypeOf(y.entity) == EntityType::kPlace &&
            !entities_[y.entity].country) {
          Emit(y.entity, Predicate::kLocatedIn, x.entity, x.begin, y.end, 0.7);
        }
      }
      // "UK-based retailer Tesco", "the Berlin-based institute X".
      if (mention >= 0 && mentions_[mention].suffix == "based") {
        for (int u = x.end; u < sentence.token_end && u < x.end + 5; ++u) {
          Arg o = ArgAt(u);
          if (o.entity >= 0) {
            if (TypeOf(o.entity) == EntityType::kOrganization) {
              Emit(o.entity, Predicate::kLocatedIn, x.entity, x.begin, o.end, 0.85);
            }
            break;
          }
        }
        continue;
      }
      // "the Central European region, comprising Czechia, Hungary, Poland, and Slovakia"
      if (xt == EntityType::kPlace && x.end + 2 < sentence.token_end) {
        int u = x.end;
        if (Lower(u) == "region") ++u;
        if (u < sentence.token_end && tokens_[u].text == ",") ++u;
        if (u < sentence.token_end && (Lower(u) == "comprising" || Lower(u) == "encompassing")) {
          ++u;
          while (u < sentence.token_end) {
            Arg o = ArgAt(u);
            if (o.entity < 0 || TypeOf(o.entity) != EntityType::kPlace) break;
            Emit(o.entity, Predicate::kLocatedIn, x.entity, o.begin, o.end, 0.75);
            u = o.end;
            if (u < sentence.token_end && tokens_[u].text == ",") ++u;
            if (u < sentence.token_end && tokens_[u].text == "and") ++u;
          }
        }
      }
      // "Greek gas producer Energean", "Iranian airline Mahan Air", "German firms including
      // A, B and C": a country before a company or outlet, with only descriptors between.
      if ((demonym || IsCountryArg(x)) && xt == EntityType::kPlace) {
        int u = x.end;
        int descriptors = 0;
        std::string last_descriptor;
        while (u < sentence.token_end && descriptors < 4 && tokens_[u].kind == TokenKind::kWord &&
               !tokens_[u].capitalized && IsBusinessDescriptor(Lower(u))) {
          last_descriptor = Lower(u);
          ++u;
          ++descriptors;
        }
        if (descriptors == 0) continue;
        bool list = false;
        if (u < sentence.token_end && (Lower(u) == "including" || Lower(u) == "such" || Lower(u) == "like")) {
          list = true;
          ++u;
          if (u < sentence.token_end && Lower(u) == "as") ++u;
        }
        // "African countries including Algeria and Morocco": countries in a region.
        bool countries = last_descriptor == "countries" || last_descriptor == "nations";
        bool region = !entities_[x.entity].country;
        while (u < sentence.token_end) {
          Arg o = ArgAt(u);
          if (o.entity < 0) break;
          if (countries) {
            if (!region || TypeOf(o.entity) != EntityType::kPlace) break;
          } else if (TypeOf(o.entity) != EntityType::kOrganization ||
                     (entities_[o.entity].government && !IsPrivateDescriptor(last_descriptor))) {
            break;  // a state's own organs are not located (a "think tank" is no organ)
          }
          Emit(o.entity, Predicate::kLocatedIn, x.entity, x.begin, o.end, 0.8);
          if (!list) break;
          u = o.end;
          if (u < sentence.token_end && tokens_[u].text == ",") ++u;
          if (u < sentence.token_end && tokens_[u].text == "and") ++u;
        }
        continue;
      }
      // "Mahan Air of Iran", "the International Court of Justice in the Hague",
      // "its Netto chain in Poland".
      if (xt == EntityType::kOrganization || (xt == EntityType::kPlace && !entities_[x.entity].country)) {
        int u = x.end;
        if (u < sentence.token_end && Lower(u) == "chain") ++u;
        if (u + 1 < sentence.token_end && (tokens_[u].text == "in" || tokens_[u].text == "of")) {
          int v = u + 1;
          if (v < sentence.token_end && Lower(v) == "the") ++v;
          // "in the centre of Afghanistan's Maidan Wardak province"
          static const std::unordered_set<std::string> kParts = {
              "centre", "center", "north", "south", "east", "west", "heart", "outskirts",
              "northeast", "northwest", "southeast", "southwest", "middle"};
          if (tokens_[u].text == "in" && v + 1 < sentence.token_end && kParts.count(Lower(v)) &&
              Lower(v + 1) == "of") {
            v += 2;
            if (v < sentence.token_end && Lower(v) == "the") ++v;
            Arg owner = ArgAt(v);
            if (owner.entity >= 0 && owner.end < sentence.token_end && tokens_[owner.end].kind == TokenKind::kPossessive) {
              v = owner.end + 1;
            }
          }
          Arg y = ArgAt(v);
          int ym = y.entity >= 0 ? coref_.token_mention[v] : -1;
          if (y.entity >= 0 && TypeOf(y.entity) == EntityType::kPlace && ym >= 0 &&
              mentions_[ym].kind == MentionKind::kName && y.entity != x.entity &&
              (tokens_[u].text == "in" || IsCountryArg(y))) {
            bool org_ok = xt != EntityType::kOrganization || !IsStateOrgan(x.entity);
            if (org_ok) Emit(x.entity, Predicate::kLocatedIn, y.entity, x.begin, y.end, 0.7);
          }
        }
      }
    }
  }

  bool IsStateOrgan(int entity) const {
    const std::string& name = entities_[entity].name;
    if (LookupOrganization(name)) return false;  // international bodies may sit anywhere
    return entities_[entity].government;
  }

  // ---- verbs ------------------------------------------------------------------------------

  int ClauseBegin(const Sentence& sentence, int verb) const {
    for (int k = verb - 1; k > sentence.token_begin; --k) {
      const Token& t = tokens_[k];
      if (t.text == ";" || t.kind == TokenKind::kCloseQuote || t.kind == TokenKind::kOpenQuote ||
          t.text == ":") {
        return k + 1;
      }
    }
    return sentence.token_begin;
  }

  // True when the argument modifies a noun after it ("advocates Puerto Rico statehood",
  // "led the Soviet part"): the name is then not the verb's object.
  bool ModifiesNoun(const Arg& a, const Sentence& sentence) const {
    if (a.end >= sentence.token_end) return false;
    const Token& next = tokens_[a.end];
    if (next.kind != TokenKind::kWord || next.capitalized || next.quote != tokens_[a.begin].quote) return false;
    const std::string& w = Lower(a.end);
    static const std::unordered_set<std::string> kAdverbial = {
        "last", "again", "too", "also", "earlier", "later", "instead", "yesterday", "today", "tonight",
        "twice", "once", "as", "over", "himself", "herself", "itself", "themselves", "first", "then",
        "both", "all", "each", "alone", "personally", "directly", "anyway", "outright", "back"};
    if (ClassifyWord(w) != WordClass::kOther || kAdverbial.count(w)) return false;
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "ly") == 0) return false;
    if (LemmaAt(a.end) != w) return false;  // an inflected verb begins a new clause
    return true;
  }

  // Back over the title before a listed name ("A and fellow Republican Representative B"):
  // title words, their modifiers, "fellow" and a party label.
  int SkipTitleBack(int j, int begin) const {
    int start = j;
    while (j > begin && tokens_[j].kind == TokenKind::kWord) {
      const std::string& w = Lower(j);
      int m = coref_.token_mention[j];
      bool party = m >= 0 && mentions_[m].kind == MentionKind::kParty;
      if (!party && (ArgAt(j).entity >= 0 || coref_.token_mention[j] >= 0)) break;
      if (!party && w != "fellow" && LookupTitleWord(w) == RoleKind::kNone && !IsTitleModifier(w)) break;
      --j;
    }
    // Only a title that follows a conjunction; otherwise nothing is skipped.
    return j < start && (tokens_[j].text == "and" || tokens_[j].text == ",") ? j : start;
  }

  bool Skippable(int k) const {
    const Token& t = tokens_[k];
    if (t.kind != TokenKind::kWord) return false;
    std::string lower = Lower(k);
    WordClass c = ClassifyWord(lower);
    if (c == WordClass::kAdverb || c == WordClass::kAuxiliary) return true;
    if (lower == "n't" || lower == "not") return true;
    return lower.size() > 4 && lower.compare(lower.size() - 2, 2, "ly") == 0 && !t.capitalized;
  }

  // Subjects of the verb at `verb`: the argument right before it (past adverbs and
  // auxiliaries), with coordinated ones ("Turkey and Libya signed"); after an apposition
  // ("Kallas, the EU's chief, added") the argument before it; a demonym group ("European
  // officials") stands for its place when `groups` is set.
  std::vector<int> SubjectsOf(const Sentence& sentence, int verb, bool groups, bool* via_group,
                              int depth = 0) const {
    std::vector<int> out;
    int begin = ClauseBegin(sentence, verb);
    int k = verb - 1;
    while (k >= begin && Skippable(k)) --k;
    // "Deutsche Welle (DW) reported": skip the bracketed acronym.
    if (k - 2 >= begin && tokens_[k].text == ")" && tokens_[k - 2].text == "(") {
      k -= 3;
      while (k >= begin && Skippable(k)) --k;
    }
    if (k < begin) return out;
    if (via_group) *via_group = false;
    if (groups && tokens_[k].kind == TokenKind::kWord && IsGroupNoun(Lower(k))) {
      Arg g = ArgEndingAt(k);
      int gm = g.entity >= 0 ? coref_.token_mention[g.begin] : -1;
      if (gm >= 0 && (mentions_[gm].kind == MentionKind::kDemonym || TypeOf(g.entity) == EntityType::kPlace)) {
        out.push_back(g.entity);
        if (via_group) *via_group = true;
      }
      return out;
    }
    // "a UN report concluded", "the ministry's statement said": the document's author.
    {
      static const std::unordered_set<std::string> kDocuments = {
          "report", "statement", "study", "investigation", "survey", "release", "communique",
          "communiqué", "spokesman", "spokeswoman", "spokesperson", "tweet", "letter"};
      if (tokens_[k].kind == TokenKind::kWord && kDocuments.count(Lower(k))) {
        int j = k;
        if (j - 1 >= begin && tokens_[j - 1].kind == TokenKind::kPossessive) --j;
        Arg author = ArgEndingAt(j);
        if (author.entity >= 0 && author.begin >= begin &&
            (TypeOf(author.entity) == EntityType::kOrganization || TypeOf(author.entity) == EntityType::kPerson)) {
          out.push_back(author.entity);
        }
        return out;
      }
    }
    Arg a = ArgEndingAt(k + 1);
    // "ministers in Cairo denounced": an argument inside a prepositional phrase is not the
    // subject.
    if (a.entity >= 0 && coref_.token_referent[a.begin] < 0) {
      for (int p = a.begin - 1; p >= begin && p >= a.begin - 4; --p) {
        if (tokens_[p].kind != TokenKind::kWord || tokens_[p].capitalized) break;
        // "after Trump had a call": a clause opener, not a preposition.
        const std::string& opener = Lower(p);
        if (opener == "after" || opener == "before" || opener == "since" || opener == "until" ||
            opener == "because" || opener == "once" || opener == "while") {
          break;
        }
        WordClass c = ClassifyWord(Lower(p));
        if (c == WordClass::kPreposition && Lower(p) == "of" && p - 1 >= begin &&
            (Lower(p - 1) == "delegations" || Lower(p - 1) == "leaders" || Lower(p - 1) == "representatives" ||
             Lower(p - 1) == "members" || Lower(p - 1) == "government" ||
             Lower(p - 1) == "heads" || Lower(p - 1) == "governments")) {
          break;  // "the delegations of Cyprus, Greece and Israel had met": the named ones
        }
        if (c == WordClass::kPreposition) {
          // "the Democratic Rally in Cyprus hailed": the name before the phrase.
          Arg head = ArgEndingAt(p);
          if (head.entity >= 0 && head.begin >= begin && (Lower(p) == "in" || Lower(p) == "of") &&
              TypeOf(head.entity) != EntityType::kPlace) {
            out.push_back(head.entity);
          }
          return out;
        }
        if (c != WordClass::kDeterminer && c != WordClass::kOther) break;
      }
    }
    if (a.entity >= 0 && a.begin >= begin) {
      // A demonym alone is an adjective ("the Russian side"), not a subject.
      int am = coref_.token_mention[a.begin];
      if (am >= 0 && mentions_[am].kind == MentionKind::kDemonym && coref_.token_referent[a.begin] < 0) {
        return out;
      }
      out.push_back(a.entity);
      int j = SkipTitleBack(a.begin - 1, begin);
      // "A, B and C said" is a list; "In a message posted to Twitter, Warren said" is not:
      // the separator next to the last subject must be "and".
      while (j > begin && (tokens_[j].text == "and" || (tokens_[j].text == "," && out.size() > 1))) {
        Arg b = ArgEndingAt(j);
        if (b.entity < 0 || b.begin < begin) break;
        out.push_back(b.entity);
        j = SkipTitleBack(b.begin - 1, begin);
      }
      return out;
    }
    // "the EastMed project, which currently involves ...": the relative's antecedent.
    if ((Lower(k) == "which" || Lower(k) == "who") && k - 1 > begin && tokens_[k - 1].text == ",") {
      Arg antecedent = ArgEndingAt(k - 1);
      if (antecedent.entity >= 0) out.push_back(antecedent.entity);
      return out;
    }
    // "X underlined ..., and projected ...": a coordinated verb shares the subject.
    if (tokens_[k].text == "and" && depth == 0) {
      for (int j = k - 1; j > begin; --j) {
        if (tokens_[j].kind == TokenKind::kWord && !tokens_[j].capitalized && ArgAt(j).entity < 0 &&
            Lower(j) != LemmaAt(j) && (IsSpeechVerb(LemmaAt(j)) || RuleFor(LemmaAt(j)) != VerbRule::kNone)) {
          return SubjectsOf(sentence, j, groups, via_group, depth + 1);
        }
      }
      return out;
    }
    // "Mitsotakis speaking to the Atlantic Council think tank called ...": the name before
    // a participial phrase.
    if (tokens_[k].kind == TokenKind::kWord && tokens_[k].text != ",") {
      for (int j = k; j > begin && j > k - 10; --j) {
        if (tokens_[j].text == "," || tokens_[j].kind == TokenKind::kPunct) break;
        const std::string& w = Lower(j);
        if (w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0 && ArgEndingAt(j).entity >= 0) {
          Arg x = ArgEndingAt(j);
          if (x.begin >= begin && TypeOf(x.entity) == EntityType::kPerson) out.push_back(x.entity);
          return out;
        }
      }
    }
    if (tokens_[k].text == ",") {
      // Skip back over an apposition to the comma that opens it; a participle after a
      // comma ("..., calling for ...") takes the clause's subject instead.
      std::string verb_text = Lower(verb);
      bool participle = verb_text.size() > 4 && verb_text.compare(verb_text.size() - 3, 3, "ing") == 0;
      // "Both A and some Democrats, such as B, have expressed": A and B, not the group.
      if (!participle) {
        for (int j = k - 1; j > begin && j > k - 20; --j) {
          if (tokens_[j].text != ",") continue;
          if (j + 3 < k && Lower(j + 1) == "such" && Lower(j + 2) == "as") {
            for (int u = j + 3; u < k; ++u) {
              Arg named = ArgAt(u);
              if (named.entity < 0 || named.end > k) continue;
              out.push_back(named.entity);
              u = named.end - 1;
            }
            if (out.empty()) break;
            Arg group = ArgEndingAt(j);
            int c = (group.entity >= 0 ? group.begin : j) - 1;
            while (c > begin && c > j - 6 && tokens_[c].kind == TokenKind::kWord && !tokens_[c].capitalized &&
                   tokens_[c].text != "and") {
              --c;  // "some", "other lawmakers"
            }
            while (c > begin && (tokens_[c].text == "and" || tokens_[c].text == ",")) {
              Arg b = ArgEndingAt(c);
              if (b.entity < 0 || b.begin < begin) break;
              out.push_back(b.entity);
              c = b.begin - 1;
            }
            return out;
          }
          break;
        }
      }
      // "the president of X, Jamel Msallem, said": the name closing the apposition.
      Arg closing = ArgEndingAt(k);
      if (!participle && closing.entity >= 0 && closing.begin >= begin &&
          TypeOf(closing.entity) == EntityType::kPerson && closing.begin > begin &&
          tokens_[closing.begin - 1].text == ",") {
        out.push_back(closing.entity);
        return out;
      }
      for (int j = k - 1; !participle && j >= begin && j > k - 32; --j) {
        if (tokens_[j].text == ",") {
          Arg b = ArgEndingAt(j);
          int p = b.entity >= 0 ? b.begin - 1 : -1;
          if (p >= begin && (Lower(p) == "the" || Lower(p) == "a")) --p;
          bool after_preposition = p >= begin && ClassifyWord(Lower(p)) == WordClass::kPreposition;
          // "the members of the House, which include ..., voted": the body votes.
          if (after_preposition && Lower(p) == "of" && p - 1 >= begin && Lower(p - 1) == "members" &&
              TypeOf(b.entity) == EntityType::kOrganization) {
            after_preposition = false;
          }
          if (b.entity >= 0 && b.begin >= begin && !after_preposition &&
              (TypeOf(b.entity) == EntityType::kPerson || TypeOf(b.entity) == EntityType::kOrganization)) {
            out.push_back(b.entity);
            return out;
          }
          break;
        }
      }
      // A participle after a comma shares the main verb's subject ("Erdoğan called for ...,
      // claiming ..."); failing that, the clause's first argument.
      if (participle && depth == 0) {
        for (int j = k - 1; j > begin; --j) {
          if (tokens_[j].kind == TokenKind::kWord && !tokens_[j].capitalized && ArgAt(j).entity < 0 &&
              tokens_[j].quote < 0 && Lower(j) != LemmaAt(j) &&
              Lower(j).compare(Lower(j).size() >= 3 ? Lower(j).size() - 3 : 0, 3, "ing") != 0 &&
              (IsSpeechVerb(LemmaAt(j)) || RuleFor(LemmaAt(j)) != VerbRule::kNone || IsRequestVerb(LemmaAt(j)))) {
            std::vector<int> main = SubjectsOf(sentence, j, groups, via_group, depth + 1);
            if (!main.empty()) return main;
            break;
          }
        }
      }
      // No opening comma: the clause's first argument ("Trump congratulated Pelosi, saying").
      for (int j = begin; participle && j < k; ++j) {
        Arg b = ArgAt(j);
        if (b.entity >= 0) {
          int bm = coref_.token_mention[j];
          // "a Republican, Mark Amodei, has ..., telling": the label is no subject.
          bool label = bm >= 0 && mentions_[bm].kind == MentionKind::kParty && b.end < k &&
                       tokens_[b.end].text == ",";
          if (label || (bm >= 0 && mentions_[bm].kind == MentionKind::kDemonym && coref_.token_referent[j] < 0)) {
            j = b.end - 1;
            continue;
          }
          if (TypeOf(b.entity) == EntityType::kPerson || TypeOf(b.entity) == EntityType::kOrganization) {
            out.push_back(b.entity);
          }
          return out;
        }
      }
    }
    return out;
  }

  // Arguments from `k` on: an entity or a coordinated list of them, after at most a few
  // determiners and adjectives.
  std::vector<Arg> ObjectsFrom(const Sentence& sentence, int k) const {
    std::vector<Arg> out;
    bool conjunction = false;
    int skipped = 0;
    while (k < sentence.token_end && skipped < 2 && ArgAt(k).entity < 0 &&
           tokens_[k].kind == TokenKind::kWord && !tokens_[k].capitalized &&
           (ClassifyWord(Lower(k)) == WordClass::kDeterminer || Lower(k) == "both")) {
      ++k;
      ++skipped;
    }
    while (k < sentence.token_end) {
      Arg a = ExpandTitled(ArgAt(k));
      if (a.entity < 0) {
        // "A and energy minister B", "by Senator B": a title before a (listed) name.
        int u = k;
        while (u < sentence.token_end && u < k + 4 && tokens_[u].kind == TokenKind::kWord &&
               (!tokens_[u].capitalized || (ArgAt(u).entity < 0 && coref_.token_mention[u] < 0)) &&
               (LookupTitleWord(Lower(u)) != RoleKind::kNone || IsTitleModifier(Lower(u)))) {
          ++u;
        }
        if (u > k) a = ExpandTitled(ArgAt(u));
      }
      if (a.entity < 0) break;
      out.push_back(a);
      k = a.end;
      // "Senators A of Florida, B of Utah, and C": a person's place is no list member.
      if (k + 1 < sentence.token_end && Lower(k) == "of" && TypeOf(a.entity) == EntityType::kPerson) {
        Arg place = ArgAt(k + 1);
        if (place.entity >= 0 && TypeOf(place.entity) == EntityType::kPlace) k = place.end;
      }
      if (k < sentence.token_end && tokens_[k].text == ",") ++k;
      // "met with the IMF, then with President Trump"
      if (k + 1 < sentence.token_end && Lower(k) == "then" && (Lower(k + 1) == "with" || Lower(k + 1) == "to")) {
        k += 2;
        conjunction = true;
        continue;
      }
      if (k < sentence.token_end && (tokens_[k].text == "and" || tokens_[k].text == "or")) {
        ++k;
        conjunction = true;
      } else if (k > 0 && tokens_[k - 1].text != ",") {
        break;
      }
    }
    // Names joined by commas alone are an apposition, not a list: "Portfolio.hu, Matt
    // Simister, ..." keeps the first.
    if (!conjunction && out.size() > 1) out.resize(1);
    return out;
  }

  // ---- works ------------------------------------------------------------------------------

  struct WorkMention {
    int begin;  // token range of the noun phrase's kept words
    int end;
    std::string key;  // folded kept words
    std::string cls;
    int entity = -1;
  };

  // A noun phrase headed by a work noun starting at `k` (within 7 tokens); returns the
  // entity, creating or resolving it.
  int WorkAt(const Sentence& sentence, int k, int* np_end, bool allow_plural = false) {
    int limit = std::min(sentence.token_end, k + 8);
    if (k < limit && (ClassifyWord(Lower(k)) == WordClass::kPreposition || Lower(k) == "to")) return -1;
    for (int u = k; u < limit; ++u) {
      const Token& t = tokens_[u];
      if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kOpenQuote) return -1;
      std::string lower = Lower(u);
      std::string_view cls = WorkClass(lower);
      if (!cls.empty() && !allow_plural && lower.back() == 's' && lower != "sanctions" && lower != "limits" &&
          lower != "conclusions") {
        return -1;  // plural heads are generic ("opposed peace plans which ...")
      }
      if (!cls.empty()) {
        // The head must end the phrase ("the plan to ..." fine; "plan's" fine), except a
        // summit's "conclusions of the summit".
        int end = u + 1;
        if (cls == "conclusions" && end + 2 < limit + 3 && end + 2 < sentence.token_end && Lower(end) == "of" &&
            Lower(end + 1) == "the" && tokens_[end + 2].kind == TokenKind::kWord && !tokens_[end + 2].capitalized) {
          end += 3;
        }
        *np_end = end;
        return ResolveWork(k, end, std::string(cls));
      }
      if (u > k && (ClassifyWord(lower) == WordClass::kPreposition || lower == "and" ||
                    lower == "that" || lower == "which")) {
        return -1;
      }
      if (ArgAt(u).entity >= 0 && TypeOf(ArgAt(u).entity) == EntityType::kPerson) return -1;
    }
    return -1;
  }

  int NewWork(int b, int e, const std::string& key, const std::string& cls) {
    Entity ent;
    ent.name = Text(b, e);
    ent.type = EntityType::kWork;
    ent.mentions = 1;
    entities_.push_back(ent);
    int id = static_cast<int>(entities_.size()) - 1;
    AddWorkMention(b, e, key, cls, id);
    work_class_[id] = cls;
    return id;
  }

  void AddWorkMention(int b, int e, const std::string& key, const std::string& cls, int id) {
    works_.push_back({b, e, key, cls, id});
    std::vector<int>& list = works_by_class_[cls];
    // Kept in document order; FindWorks adds in order, later calls rarely out of it.
    int w = static_cast<int>(works_.size()) - 1;
    auto pos = std::upper_bound(list.begin(), list.end(), b,
                                [this](int begin, int other) { return begin < works_[other].begin; });
    list.insert(pos, w);
    if (e - b == 1) bare_works_.emplace(key, id);
    RegisterWorkArg(b, e, id);
  }

  int ResolveWork(int b, int e, const std::string& cls) {
    while (b < e - 1 && tokens_[b].kind == TokenKind::kWord && !tokens_[b].capitalized &&
           IsWorkFiller(Lower(b))) {
      ++b;
    }
    while (b < e - 1 && tokens_[b].kind == TokenKind::kPossessive) ++b;
    std::string key = Fold(Text(b, e));
    bool bare = e - b == 1;
    const std::vector<int>& list = works_by_class_[cls];
    if (bare) {
      // "the proposal": the latest named work of its class before it.
      auto pos = std::lower_bound(list.begin(), list.end(), b,
                                  [this](int other, int begin) { return works_[other].begin < begin; });
      for (int scanned = 0; pos != list.begin() && scanned < 64; ++scanned) {
        --pos;
        const WorkMention& w = works_[*pos];
        // "the bill" is not "common law": a named law only answers to its own noun.
        if (w.end - w.begin > 1 && Lower(w.end - 1) == "law" && key != "law") continue;
        if (w.end - w.begin > 1) return w.entity;
      }
      // No named work before it: the bare noun is the work's name ("the pipeline").
      auto known = bare_works_.find(key);
      if (known != bare_works_.end()) return known->second;
      return NewWork(b, e, key, cls);
    }
    // The same work named again, or by a longer or shorter form (bounded look-back).
    int scanned = 0;
    for (auto it = list.rbegin(); it != list.rend() && scanned < 64; ++it, ++scanned) {
      const WorkMention& w = works_[*it];
      const std::string& other = w.key;
      if (other == key || (other.size() > key.size() && other.compare(other.size() - key.size(), key.size(), key) == 0)) {
        RegisterWorkArg(b, e, w.entity);  // named again: an argument here too
        return w.entity;
      }
      if (key.size() > other.size() && key.compare(key.size() - other.size(), other.size(), other) == 0 &&
          w.end - w.begin > 1) {
        // A longer name for a known work: it becomes the canonical one.
        int id = w.entity;
        Entity& ent = entities_[id];
        ent.aliases.push_back(ent.name);
        ent.name = Text(b, e);
        AddWorkMention(b, e, key, cls, id);
        return id;
      }
    }
    return NewWork(b, e, key, cls);
  }

  // A named work becomes an argument like a mention, unless a mention holds its place.
  void RegisterWorkArg(int b, int e, int id) {
    if (e - b < 2) return;
    if (arg_start_[b].entity < 0) arg_start_[b] = Arg{id, b, e};
    if (arg_end_[e].entity < 0) arg_end_[e] = Arg{id, b, e};
  }

  // Named works first ("the EastMed pipeline project"), so bare descriptions find them.
  void FindWorks() {
    for (const Sentence& sentence : doc_.sentences) {
      if (sentence.headline) continue;
      for (int t = sentence.token_begin; t < sentence.token_end; ++t) {
        std::string lower = Lower(t);
        std::string_view cls = WorkClass(lower);
        if (cls.empty() || tokens_[t].kind != TokenKind::kWord) continue;
        // Plural heads are generic ("peace plans which include ...").
        if (lower.back() == 's' && lower != "sanctions" && lower != "limits" && lower != "conclusions" &&
            lower != "memoranda") {
          continue;
        }
        // Walk back over the phrase's modifiers.
        int b = t;
        while (b - 1 >= sentence.token_begin && b > t - 5) {
          const Token& p = tokens_[b - 1];
          if (p.kind != TokenKind::kWord && p.kind != TokenKind::kNumber) break;
          std::string pl = Lower(b - 1);
          WordClass c = ClassifyWord(pl);
          if (c == WordClass::kPreposition || c == WordClass::kAuxiliary || c == WordClass::kPronoun ||
              c == WordClass::kConjunction || c == WordClass::kDeterminer || IsWorkFiller(pl)) {
            break;
          }
          int m = coref_.token_mention[b - 1];
          if (m >= 0 && mentions_[m].entity >= 0 && TypeOf(mentions_[m].entity) == EntityType::kPerson) break;
          if (!p.capitalized && Lemma(pl) != pl && pl.size() > 3 &&
              (pl.compare(pl.size() - 2, 2, "ed") == 0)) {
            break;  // a participle ("signed agreement") is a verb more often than not
          }
          if (b - 2 >= sentence.token_begin && Lower(b - 2) == "to" && !p.capitalized) {
            break;  // an infinitive: "proposed to set lifetime limits" names "lifetime limits"
          }
          --b;
        }
        if (b == t && cls == "law" && t + 3 < sentence.token_end && Lower(t + 1) == "to" &&
            Lower(t + 2) == "the" && tokens_[t + 3].capitalized) {
          // "amendment to the Constitution of the United States": named by what it amends.
          int e = t + 3;
          while (e < sentence.token_end && e < t + 16 &&
                 (tokens_[e].capitalized || ((Lower(e) == "of" || Lower(e) == "the") && e + 1 < sentence.token_end &&
                                             (tokens_[e + 1].capitalized || Lower(e + 1) == "the")))) {
            ++e;
          }
          work_sites_.push_back({t, ResolveWork(t, e, std::string(cls))});
          continue;
        }
        if (b < t) work_sites_.push_back({t, ResolveWork(b, t + 1, std::string(cls))});
      }
    }
  }

  // ---- verb relations ---------------------------------------------------------------------

  void Verbs(const Sentence& sentence) {
    for (int v = sentence.token_begin; v < sentence.token_end; ++v) {
      const Token& tok = tokens_[v];
      if (tok.kind != TokenKind::kWord || (tok.capitalized && v != sentence.token_begin)) continue;
      if (ArgAt(v).entity >= 0 || coref_.token_mention[v] >= 0) continue;
      const std::string& lower = Lower(v);
      const std::string& lemma = LemmaAt(v);
      VerbRule rule = RuleFor(lemma);
      if (rule == VerbRule::kNone) continue;
      // Nouns that look like verbs: "the attack", "a meeting", "support for".
      if (v > sentence.token_begin) {
        std::string prev = Lower(v - 1);
        if (ClassifyWord(prev) == WordClass::kDeterminer && prev != "that") continue;
      }
      bool passive = false;
      if (v > sentence.token_begin) {
        int p = v - 1;
        while (p > sentence.token_begin && ClassifyWord(Lower(p)) == WordClass::kAdverb) --p;
        std::string aux = Lower(p);
        passive = (aux == "was" || aux == "were" || aux == "been" || aux == "is" || aux == "are" ||
                   aux == "be" || aux == "being") &&
                  (lower.size() > 2 && (lower.compare(lower.size() - 2, 2, "ed") == 0 ||
                                        lemma != lower));
        if (lower.size() > 3 && lower.compare(lower.size() - 3, 3, "ing") == 0) passive = false;
      }
      int k = v + 1;
      if (passive) {
        HandlePassive(sentence, v, rule);
        continue;
      }
      bool group = false;
      std::vector<int> subjects = SubjectsOf(sentence, v, true, &group);
      // Participial openers: "Speaking to X, he said": the main clause's subject.
      bool participle = lower.size() > 3 && lower.compare(lower.size() - 3, 3, "ing") == 0 &&
                        (v == sentence.token_begin || tokens_[v - 1].text == ",");
      if (participle && subjects.empty()) {
        int u = v + 1;
        while (u < sentence.token_end && tokens_[u].text != ",") ++u;
        if (u + 1 < sentence.token_end) {
          Arg main_subject = ArgAt(u + 1);
          if (main_subject.entity >= 0) {
            subjects.push_back(main_subject.entity);
          } else {
            // "Speaking to AFP, the president of X, Jamel Msallem, said": the main verb's subject.
            for (int w = u + 1; w < sentence.token_end && w < u + 25; ++w) {
              if (tokens_[w].kind == TokenKind::kWord && !tokens_[w].capitalized && ArgAt(w).entity < 0 &&
                  (IsSpeechVerb(LemmaAt(w)) || RuleFor(LemmaAt(w)) != VerbRule::kNone) && Lower(w) != LemmaAt(w)) {
                subjects = SubjectsOf(sentence, w, false, nullptr);
                break;
              }
            }
          }
        }
        if (subjects.empty() && v > sentence.token_begin) {
          subjects = SubjectsOf(sentence, v, false, nullptr);
        }
      }
      // "Nigeria announced it planned to join", "Benin was to join": an infinitive takes
      // the subject of the verb that governs it.
      if (subjects.empty()) {
        subjects = InfinitiveSubjects(sentence, v, rule == VerbRule::kSupport || rule == VerbRule::kOppose);
      }
      if (subjects.empty()) subjects = TheyAsPair(sentence, v);
      if (subjects.empty()) continue;
      switch (rule) {
        case VerbRule::kMeet: {
          if (lemma == "attend") break;  // only its passive names a meeting's people
          // "met on Monday with X": a time adjunct before the partner.
          if (k + 1 < sentence.token_end && Lower(k) == "on" && IsTimeWord(tokens_[k + 1].text)) k += 2;
          std::string part = k < sentence.token_end ? Lower(k) : "";
          if (part == "with") ++k;
          std::vector<Arg> objects = lemma == "gather" ? std::vector<Arg>() : ObjectsFrom(sentence, k);
          if (objects.empty() && (lemma == "meet" || lemma == "gather")) {
            // "A and his counterparts B, C and D gathered in Cairo": everyone named before.
            std::vector<int> people = subjects;
            if (lemma == "gather" || people.size() < 2) {
              people.clear();
              for (int u = ClauseBegin(sentence, v); u < v; ++u) {
                Arg p = ArgAt(u);
                if (p.entity >= 0 && TypeOf(p.entity) == EntityType::kPerson &&
                    std::find(people.begin(), people.end(), p.entity) == people.end()) {
                  people.push_back(p.entity);
                  u = p.end - 1;
                }
              }
            }
            if (people.size() >= 2) EmitPairs(people, Predicate::kMetWith, v, 0.7);
          }
          EmitAll(subjects, Predicate::kMetWith, objects, v, 0.8);
          break;
        }
        case VerbRule::kTalk: {
          std::string part = k < sentence.token_end ? Lower(k) : "";
          if (lemma != "phone" && part != "with" && part != "to") break;
          if (lemma == "engage" && part != "with") break;
          if (lemma != "phone") ++k;
          // "engaging with both sides, Russia and Ukraine": the sides named after.
          if (k + 2 < sentence.token_end && (Lower(k) == "both" || Lower(k) == "all") && Lower(k + 1) == "sides" &&
              tokens_[k + 2].text == ",") {
            k += 3;
          }
          EmitAll(subjects, Predicate::kTalkedWith, ObjectsFrom(sentence, k), v, 0.75);
          break;
        }
        case VerbRule::kTell: {
          std::vector<Arg> objects = ObjectsFrom(sentence, k);
          std::vector<Arg> kept;
          for (const Arg& o : objects) {
            // "asking Cengiz to be patient": a request put to a person is a conversation.
            if (lemma == "ask" && (TypeOf(o.entity) != EntityType::kPerson || o.end >= sentence.token_end ||
                                   Lower(o.end) != "to")) {
              continue;
            }
            if (TypeOf(o.entity) == EntityType::kPerson || TypeOf(o.entity) == EntityType::kOrganization) {
              kept.push_back(o);
            }
          }
          EmitAll(subjects, Predicate::kTalkedWith, kept, v, 0.7);
          break;
        }
        case VerbRule::kVisit: {
          std::string part = k < sentence.token_end ? Lower(k) : "";
          if (lemma == "travel" && part != "to") break;
          if (lemma == "arrive" && part != "in" && part != "at") break;
          if (lemma != "visit") ++k;
          EmitAll(subjects, Predicate::kVisited, ObjectsFrom(sentence, k), v, 0.75);
          break;
        }
        case VerbRule::kSupport:
        case VerbRule::kOppose: {
          Predicate p = rule == VerbRule::kSupport ? Predicate::kSupports : Predicate::kOpposes;
          if (lemma == "vote") {
            if (k >= sentence.token_end || Lower(k) != "for") break;
            ++k;
          }
          if (lemma == "push") {
            if (k + 1 >= sentence.token_end || Lower(k) != "back" || Lower(k + 1) != "against") break;
            k += 2;
          }
          if (lemma == "back" && k < sentence.token_end && Lower(k) == "down") break;
          if (lemma == "protest") {
            if (k >= sentence.token_end || Lower(k) != "against") break;
            ++k;
          }
          if (lemma == "second" && v > sentence.token_begin && ClassifyWord(Lower(v - 1)) != WordClass::kAuxiliary &&
              ArgEndingAt(v).entity < 0) {
            break;
          }
          if (Negated(sentence, v)) break;
          StanceObjects(sentence, subjects, p, v, k, group);
          break;
        }
        case VerbRule::kPropose: {
          if (lemma == "put") {
            if (k >= sentence.token_end || Lower(k) != "forward") break;
            ++k;
          }
          if (lemma == "sign" && k + 1 < sentence.token_end && (Lower(k) == "with" || Lower(k) == "to")) {
            // "X signed with AEW": a contract with an organisation.
            Arg o = ArgAt(k + 1);
            if (o.entity >= 0 && !entities_[o.entity].government) {
              for (int s : subjects) {
                if (TypeOf(s) == EntityType::kPerson) Emit(s, Predicate::kEmployeeOf, o.entity, v, o.end, 0.65);
              }
            }
            break;
          }
          int np_end = 0;
          int work = WorkAt(sentence, k, &np_end);
          if (work < 0 && lemma == "propose" && k + 1 < sentence.token_end && Lower(k) == "to") {
            // "proposed to set term limits through an amendment to the Constitution": the
            // work the infinitive's clause names.
            for (int u = k + 1; u < sentence.token_end && u < k + 20; ++u) {
              if (tokens_[u].text == "," || tokens_[u].text == ";" || tokens_[u].quote >= 0) break;
              auto site = std::lower_bound(work_sites_.begin(), work_sites_.end(), std::make_pair(u, -1));
              if (site != work_sites_.end() && site->first == u &&
                  (work_class_[site->second] == "law" || work_class_[site->second] == "plan")) {
                work = site->second;
                np_end = u + 1;
                break;
              }
            }
          }
          // Signing imposes a law or decree; signing an agreement is no proposal.
          if (work >= 0 && lemma == "sign" && work_class_[work] != "law") work = -1;
          // Announcing a plan, law or system proposes it; announcing a deal reports it.
          if (work >= 0 && lemma == "announce" && work_class_[work] != "law" && work_class_[work] != "plan" &&
              work_class_[work] != "system") {
            work = -1;
          }
          if (work >= 0) {
            for (int s : subjects) Emit(s, Predicate::kProposed, work, v, np_end, 0.75);
          }
          break;
        }
        case VerbRule::kWorkOn: {
          if (lemma == "involve") {
            // "the EastMed project, which currently involves Greece, Cyprus and Israel".
            for (int s : subjects) {
              if (TypeOf(s) != EntityType::kWork) continue;
              for (const Arg& o : ObjectsFrom(sentence, k)) Emit(o.entity, Predicate::kWorksOn, s, v, o.end, 0.6);
            }
            break;
          }
          if (lemma == "work" && k + 1 < sentence.token_end && Lower(k) == "for") {
            // "X works for Y": a job, unless Y is a state body.
            Arg o = ArgAt(k + 1);
            if (o.entity >= 0 && !entities_[o.entity].government) {
              for (int s : subjects) Emit(s, Predicate::kEmployeeOf, o.entity, v, o.end, 0.65);
            }
            break;
          }
          if (lemma == "work") {
            if (k >= sentence.token_end || Lower(k) != "on") break;
            ++k;
          }
          int np_end = 0;
          int work = WorkAt(sentence, k, &np_end);
          if (work >= 0) {
            for (int s : subjects) Emit(s, Predicate::kWorksOn, work, v, np_end, 0.7);
          }
          break;
        }
        case VerbRule::kAttack: {
          std::vector<Arg> objects = ObjectsFrom(sentence, k);
          // A party attacks with words ("Democrats continued to attack Trump").
          subjects.erase(std::remove_if(subjects.begin(), subjects.end(),
                                        [this](int s) {
                                          const std::string& name = entities_[s].name;
                                          return name.size() > 6 && name.compare(name.size() - 6, 6, " Party") == 0;
                                        }),
                         subjects.end());
          for (const Arg& o : objects) {
            if (TypeOf(o.entity) == EntityType::kWork) continue;
            for (int s : subjects) Emit(s, Predicate::kAttacked, o.entity, v, o.end, 0.7);
          }
          if (objects.empty() && lemma == "attack") {
            // "attacked the plan as ...": a verbal attack is a stance.
            int np_end = 0;
            int work = WorkAt(sentence, k, &np_end);
            if (work >= 0) {
              for (int s : subjects) Emit(s, Predicate::kOpposes, work, v, np_end, 0.65);
            }
          }
          break;
        }
        case VerbRule::kAccuse: {
          if (lemma == "allege") {
            // "X alleged (that) Y had ...", "alleged, by way of example, Y had": an accusation
            // of Y, the subject of the alleged clause.
            if (k < sentence.token_end && tokens_[k].text == ",") {
              int u = k + 1;
              while (u < sentence.token_end && u < k + 8 && tokens_[u].text != ",") ++u;
              if (u < sentence.token_end && tokens_[u].text == ",") k = u + 1;
            }
            if (k < sentence.token_end && Lower(k) == "that") ++k;
            Arg accused = ArgAt(k);
            if (accused.entity < 0 || accused.end >= sentence.token_end) break;
            int verb_after = accused.end;
            const std::string& next = Lower(verb_after);
            if (tokens_[verb_after].kind != TokenKind::kWord || tokens_[verb_after].capitalized) break;
            if (ClassifyWord(next) != WordClass::kAuxiliary && LemmaAt(verb_after) == next) break;
            for (int s : subjects) Emit(s, Predicate::kAccused, accused.entity, v, accused.end, 0.65);
            break;
          }
          EmitAll(subjects, Predicate::kAccused, ObjectsFrom(sentence, k), v, 0.75);
          break;
        }
        case VerbRule::kEmploy: {
          // "X, who performed for WWE ... and for AEW", "played for Y": a job at an organisation.
          for (int u = k; u < sentence.token_end && u < k + 16; ++u) {
            if (tokens_[u].text == ";") break;
            if (Lower(u) != "for" || (u > k && Lower(u - 1) != "and")) continue;
            Arg o = ArgAt(u + 1);
            if (o.entity >= 0 && !entities_[o.entity].government) {
              for (int s : subjects) Emit(s, Predicate::kEmployeeOf, o.entity, v, o.end, 0.65);
            }
          }
          break;
        }
        case VerbRule::kLead: {
          // "X, who led the party", "heads the agency": only inflected verbs (not "the head").
          if (lower == lemma || (lemma == "head" && lower == "heads" && v > sentence.token_begin &&
                                 ClassifyWord(Lower(v - 1)) == WordClass::kDeterminer)) {
            break;
          }
          for (const Arg& o : ObjectsFrom(sentence, k)) {
            // "led the Soviet part of the mission": a demonym is no object.
            int om = coref_.token_mention[o.begin];
            if ((om >= 0 && mentions_[om].kind == MentionKind::kDemonym) || ModifiesNoun(o, sentence)) continue;
            for (int s : subjects) {
              if (TypeOf(s) == EntityType::kPerson) Emit(s, Predicate::kLeaderOf, o.entity, v, o.end, 0.65);
            }
          }
          break;
        }
        case VerbRule::kJoin: {
          std::vector<Arg> objects = ObjectsFrom(sentence, k);
          EmitAll(subjects, Predicate::kMemberOf, objects, v, 0.6);
          break;
        }
        case VerbRule::kNone:
          break;
      }
    }
  }

  // Subjects of an infinitive through the verb governing it: "X planned to join Y", "X
  // agreed to support Y", "X was to join Y"; "X announced it planned to join": X. Verbs of
  // refusal govern nothing here (a refusal to support is no support).
  // Intentions ("wants to join", "threatened to attack") state no act: they govern only
  // stances (`stance`), where "vowed to oppose" is opposition.
  std::vector<int> InfinitiveSubjects(const Sentence& sentence, int verb, bool stance) const {
    static const std::unordered_set<std::string> kControl = {
        "plan", "agree", "decide", "vote", "move", "choose", "resolve", "be", "continue", "begin",
        "start", "report", "believe", "think", "understand", "appear", "seem"};
    static const std::unordered_set<std::string> kIntention = {
        "want", "seek", "hope", "intend", "aim", "vow", "pledge", "promise", "offer", "prepare",
        "expect", "wish", "try", "attempt", "threaten"};
    int to = verb - 1;
    // "were reported to have visited": the perfect infinitive.
    if (to > sentence.token_begin && Lower(to) == "have") --to;
    if (to <= sentence.token_begin || Lower(to) != "to") return {};
    int control = to - 1;
    while (control > sentence.token_begin && ClassifyWord(Lower(control)) == WordClass::kAdverb) --control;
    if (tokens_[control].kind != TokenKind::kWord ||
        !(kControl.count(LemmaAt(control)) || (stance && kIntention.count(LemmaAt(control))))) {
      return {};
    }
    if (LemmaAt(control) == "be" && Lower(control) != "was" && Lower(control) != "were" &&
        Lower(control) != "is" && Lower(control) != "are") {
      return {};
    }
    if (Negated(sentence, control)) return {};
    std::vector<int> subjects = SubjectsOf(sentence, control, true, nullptr);
    if (!subjects.empty()) return subjects;
    // "X announced (that) it planned to ...": the pronoun is the reporting subject.
    int it = control - 1;
    while (it > sentence.token_begin && Skippable(it)) --it;
    if (it <= sentence.token_begin || (Lower(it) != "it" && Lower(it) != "they")) return {};
    int speech = it - 1;
    if (speech > sentence.token_begin && Lower(speech) == "that") --speech;
    if (tokens_[speech].kind != TokenKind::kWord || !(IsSpeechVerb(LemmaAt(speech)) || LemmaAt(speech) == "announce")) {
      return {};
    }
    return SubjectsOf(sentence, speech, false, nullptr);
  }

  // "A and B have been working on it. They've been engaging with ...": a "they" subject
  // stands for the two names coordinated as the previous sentence's subject.
  std::vector<int> TheyAsPair(const Sentence& sentence, int verb) const {
    int k = verb - 1;
    while (k > sentence.token_begin && (Skippable(k) || tokens_[k].text == "\xE2\x80\x99ve" || tokens_[k].text == "'ve")) {
      --k;
    }
    if (k < sentence.token_begin || (Lower(k) != "they" && Lower(k) != "they\xE2\x80\x99ve" && Lower(k) != "they've")) {
      return {};
    }
    if (sentence_ == 0) return {};
    const Sentence& previous = doc_.sentences[sentence_ - 1];
    for (int t = previous.token_begin; t + 2 < previous.token_end; ++t) {
      Arg a = ArgAt(t);
      if (a.entity < 0 || a.end + 1 >= previous.token_end || tokens_[a.end].text != "and") continue;
      int b_start = a.end + 1;
      Arg b = ArgAt(b_start);
      if (b.entity < 0 || b.end >= previous.token_end) continue;
      const Token& next = tokens_[b.end];
      if (next.kind == TokenKind::kWord && !next.capitalized &&
          (ClassifyWord(Lower(b.end)) == WordClass::kAuxiliary || LemmaAt(b.end) != Lower(b.end)) &&
          TypeOf(a.entity) == EntityType::kPerson && TypeOf(b.entity) == EntityType::kPerson) {
        return {a.entity, b.entity};
      }
    }
    return {};
  }

  bool Negated(const Sentence& sentence, int verb) const {
    for (int u = verb - 1; u >= sentence.token_begin && u >= verb - 3; --u) {
      std::string w = Lower(u);
      if (w == "not" || w == "n't" || w == "never" || w == "no") return true;
      if (ClassifyWord(w) != WordClass::kAdverb && ClassifyWord(w) != WordClass::kAuxiliary) break;
    }
    return false;
  }

  void StanceObjects(const Sentence& sentence, const std::vector<int>& subjects, Predicate p,
                     int verb, int k, bool group) {
    double confidence = group ? 0.6 : 0.75;
    std::vector<Arg> objects = ObjectsFrom(sentence, k);
    if (objects.size() == 1 && ModifiesNoun(objects[0], sentence)) {
      // "endorsed his former rival, Joe Biden": the name in apposition to the noun.
      int u = objects[0].end;
      objects.clear();
      while (u < sentence.token_end && u < k + 6 && tokens_[u].kind == TokenKind::kWord && !tokens_[u].capitalized) ++u;
      if (u + 1 < sentence.token_end && tokens_[u].text == ",") {
        Arg named = ArgAt(u + 1);
        if (named.entity >= 0 && TypeOf(named.entity) == EntityType::kPerson) objects.push_back(named);
      }
    }
    if (!objects.empty()) {
      for (const Arg& o : objects) {
        int om = coref_.token_mention[o.begin];
        if (om >= 0 && mentions_[om].kind == MentionKind::kDemonym && coref_.token_referent[o.begin] < 0) {
          continue;  // "rejected the Russian proposal": the object is the proposal
        }
        for (int s : subjects) Emit(s, p, o.entity, verb, o.end, confidence);
      }
      return;
    }
    int np_end = 0;
    int work = WorkAt(sentence, k, &np_end);
    if (work >= 0) {
      for (int s : subjects) Emit(s, p, work, verb, np_end, confidence);
    }
  }

  void HandlePassive(const Sentence& sentence, int verb, VerbRule rule) {
    // Agents after "by": "was condemned ... by Egypt, Greece and Cyprus".
    std::vector<Arg> agents;
    for (int u = verb + 1; u < sentence.token_end && u < verb + 10; ++u) {
      if (tokens_[u].text == "by") {
        agents = ObjectsFrom(sentence, u + 1);
        break;
      }
      if (tokens_[u].text == "," || tokens_[u].text == ";") break;
    }
    if (agents.empty()) return;
    std::string lemma = LemmaAt(verb);
    if (lemma == "attend" || rule == VerbRule::kMeet) {
      std::vector<int> ids;
      for (const Arg& a : agents) ids.push_back(a.entity);
      EmitPairs(ids, Predicate::kMetWith, verb, 0.6);
      return;
    }
    // The patient: the clause's subject before the auxiliary.
    int aux = verb - 1;
    while (aux > sentence.token_begin && ClassifyWord(Lower(aux)) == WordClass::kAdverb) --aux;
    std::vector<int> patients = SubjectsOf(sentence, aux, false, nullptr);
    if (patients.empty() && aux > sentence.token_begin) {
      const std::string& before = Lower(aux - 1);
      if (before == "it" || before == "this") {
        // "It was co-sponsored by ...": the latest work named.
        int work = LatestWorkSite(aux - 1);
        if (work >= 0) patients.push_back(work);
      } else if (before == "and") {
        // "Turkey is under sanctions, and was condemned by ...": the clause's subject, the
        // first name directly followed by a verb.
        for (int j = ClauseBegin(sentence, aux); j < aux - 1; ++j) {
          Arg a = ArgAt(j);
          if (a.entity < 0) continue;
          if (a.end < aux && tokens_[a.end].kind == TokenKind::kWord && !tokens_[a.end].capitalized &&
              (ClassifyWord(Lower(a.end)) == WordClass::kAuxiliary || LemmaAt(a.end) != Lower(a.end)) &&
              IsActor(TypeOf(a.entity))) {
            patients.push_back(a.entity);
            break;
          }
          j = a.end - 1;
        }
      }
    }
    Predicate p;
    switch (rule) {
      case VerbRule::kSupport: p = Predicate::kSupports; break;
      case VerbRule::kOppose: p = Predicate::kOpposes; break;
      case VerbRule::kAttack: p = Predicate::kAttacked; break;
      case VerbRule::kAccuse: p = Predicate::kAccused; break;
      case VerbRule::kPropose: p = Predicate::kProposed; break;
      default: return;
    }
    for (const Arg& a : agents) {
      for (int patient : patients) Emit(a.entity, p, patient, verb, a.end, 0.65);
    }
  }

  void EmitAll(const std::vector<int>& subjects, Predicate p, const std::vector<Arg>& objects, int verb,
               double confidence) {
    for (const Arg& o : objects) {
      for (int s : subjects) Emit(s, p, o.entity, verb, o.end, confidence);
    }
  }

  void EmitPairs(const std::vector<int>& ids, Predicate p, int verb, double confidence) {
    std::vector<int> people;
    for (int id : ids) people.push_back(id);
    // A long attendance list links the heads of delegation only.
    if (people.size() > 4) {
      std::vector<int> leaders;
      for (int id : people) {
        if (leads_.count(id)) leaders.push_back(id);
      }
      people = leaders;
    }
    for (size_t a = 0; a < people.size(); ++a) {
      for (size_t b = a + 1; b < people.size(); ++b) Emit(people[a], p, people[b], verb, verb + 1, confidence);
    }
  }

  // ---- speech -----------------------------------------------------------------------------

  // End of a reported clause: the sentence end, a semicolon, ", and that", or a trailing
  // participle (", claiming ...", ", according to ...").
  int ClauseEnd(const Sentence& sentence, int k) const {
    for (int u = k; u < sentence.token_end; ++u) {
      const Token& t = tokens_[u];
      if (t.text == ";") return u;
      if (t.text == "," && u + 1 < sentence.token_end) {
        std::string next = Lower(u + 1);
        if (next == "according" || next == "as" || next == "while" || next == "but" ||
            (next == "and" && u + 2 < sentence.token_end && Lower(u + 2) == "that") ||
            (next == "and" && u + 2 < sentence.token_end && tokens_[u + 2].text == ",") ||
            false) {
          return u;
        }
      }
      if (t.text == "and" && u + 1 < sentence.token_end && tokens_[u + 1].text == "," && u > k + 3) return u;
      if (t.text == "," && u + 1 < sentence.token_end) {
        std::string next = Lower(u + 1);
        if (
            (next.size() > 4 && next.compare(next.size() - 3, 3, "ing") == 0 &&
             tokens_[u + 1].kind == TokenKind::kWord) ||
            next == "based") {
          return u;
        }
        // ", Cyprus Mail reported." closing the sentence.
        Arg a = ArgAt(u + 1);
        if (a.entity >= 0 && a.end < sentence.token_end) {
          std::string verb = LemmaAt(a.end);
          if (IsSpeechVerb(verb)) return u;
        }
      }
    }
    int end = sentence.token_end;
    while (end > k && tokens_[end - 1].kind == TokenKind::kPunct) --end;
    return end;
  }

  void ReportedSpeech(const Sentence& sentence) {
    for (int v = sentence.token_begin; v < sentence.token_end; ++v) {
      const Token& tok = tokens_[v];
      if (tok.kind != TokenKind::kWord) continue;
      if (tok.quote >= 0) continue;  // speech verbs inside a quotation are the speaker's words
      const std::string& lower = Lower(v);
      // "According to X, ..." / "..., according to X."
      if (lower == "according" && v + 1 < sentence.token_end && Lower(v + 1) == "to") {
        AccordingTo(sentence, v);
        continue;
      }
      // "In the analysis of X, ...", "In the view of X, ...".
      if (lower == "in" && v == sentence.token_begin && v + 3 < sentence.token_end) {
        int u = v + 1;
        if (Lower(u) == "the") ++u;
        std::string noun = Lower(u);
        if ((noun == "analysis" || noun == "view" || noun == "opinion" || noun == "words" ||
             noun == "assessment" || noun == "estimate") && u + 1 < sentence.token_end && Lower(u + 1) == "of") {
          AccordingTo(sentence, u, true);
          continue;
        }
      }
      if (tok.capitalized) continue;
      const std::string& lemma = LemmaAt(v);
      bool speech = IsSpeechVerb(lemma);
      bool request = IsRequestVerb(lemma);
      if (!speech && !request) continue;
      if (quote_verbs_.count(v)) continue;
      // "a UN report concluded": a bare verb form right after a name is a noun.
      if (lower == lemma && v > sentence.token_begin && ArgEndingAt(v).entity >= 0 &&
          coref_.token_referent[ArgEndingAt(v).begin] < 0) {
        continue;
      }
      // "has alleged ties to ...": an adjective, not a claim.
      if (lemma == "allege" && v + 1 < sentence.token_end &&
          (Lower(v + 1) == "ties" || Lower(v + 1) == "links" || Lower(v + 1) == "connections")) {
        continue;
      }
      // "reported by The Guardian": a passive participle names a source, not a speaker.
      if (v + 1 < sentence.token_end && Lower(v + 1) == "by") continue;
      bool parenthetical_after = false;
      if (v + 1 < sentence.token_end && tokens_[v + 1].text == "," &&
          !(v + 2 < sentence.token_end && tokens_[v + 2].kind == TokenKind::kOpenQuote)) {
        // "alleged, by way of example, ...": a short parenthetical is skipped below;
        // "he said, repeating ..." has no clause.
        int close = v + 2;
        while (close < sentence.token_end && close < v + 8 && tokens_[close].text != ",") ++close;
        bool parenthetical = close < sentence.token_end && close < v + 8 && tokens_[close].text == "," &&
                             Lower(v + 2).size() > 0 && Lower(v + 2).back() != 'g';
        if (!parenthetical) continue;
        parenthetical_after = true;
      }
      if (v > sentence.token_begin && ClassifyWord(Lower(v - 1)) == WordClass::kDeterminer) continue;
      std::vector<int> subjects = SubjectsOf(sentence, v, false, nullptr);
      // "..., he noted." closing the sentence: what came before the comma.
      if (!subjects.empty() && !parenthetical_after &&
          (v + 1 >= sentence.token_end || tokens_[v + 1].kind == TokenKind::kPunct)) {
        SentenceFinalSource(sentence, v);
        continue;
      }
      if (subjects.empty()) {
        // "Speaking to NBC News, she said": handled by the subject rule; ", X reported."
        if (lemma == "report" || lemma == "say") SentenceFinalSource(sentence, v);
        continue;
      }
      int k = v + 1;
      if (request) {
        if (lemma == "call") {
          // "called for ...", "called on X to ...", "called it unlikely that ...".
          if (k >= sentence.token_end || (Lower(k) != "for" && Lower(k) != "on" && Lower(k) != "it")) continue;
          ++k;
        } else if (lemma == "ask" || lemma == "urge" || lemma == "encourage") {
          // "urged the CIA to release ...": the whole request, object included.
        }
      } else if (lemma == "tell") {
        // The hearer: "told reporters", "told local media", "told the BBC".
        Arg hearer = ArgAt(k);
        if (hearer.entity >= 0) {
          k = hearer.end;
        } else {
          int u = k;
          while (u < sentence.token_end && u < k + 3 && tokens_[u].kind == TokenKind::kWord &&
                 !tokens_[u].capitalized && Lower(u) != "that") {
            ++u;
            if (Lower(u - 1) == "reporters" || Lower(u - 1) == "media" || Lower(u - 1) == "journalists" ||
                Lower(u - 1) == "public" || Lower(u - 1) == "press") {
              break;
            }
          }
          k = u;
        }
        if (k < sentence.token_end && (Lower(k) == "today" || Lower(k) == "yesterday")) ++k;
      } else if (lemma == "credit") {
        // "credited news media with keeping ...": what was credited is the claim.
      }
      // Adjuncts between the verb and its clause: "reported in mid-2019, ...", "reported on
      // Monday ...", "alleged, by way of example, ...".
      if (k + 1 < sentence.token_end && (Lower(k) == "on" || Lower(k) == "in") &&
          (IsTimeWord(tokens_[k + 1].text) || tokens_[k + 1].kind == TokenKind::kNumber ||
           Lower(k + 1).rfind("mid-", 0) == 0)) {
        k += 2;
        if (k < sentence.token_end && tokens_[k].text == ",") ++k;
      } else if (k < sentence.token_end && tokens_[k].text == ",") {
        int close = k + 1;
        while (close < sentence.token_end && close < k + 7 && tokens_[close].text != ",") ++close;
        if (close + 1 < sentence.token_end && close < k + 7 && tokens_[close].text == "," &&
            tokens_[close + 1].kind != TokenKind::kOpenQuote) {
          k = close + 1;
        }
      }
      bool that = k < sentence.token_end && Lower(k) == "that";
      if (that) ++k;
      if (k < sentence.token_end && (tokens_[k].text == "," || tokens_[k].text == ":")) ++k;
      if (k >= sentence.token_end) continue;
      // Direct quotations are handled by DirectQuotes.
      if (tokens_[k].kind == TokenKind::kOpenQuote) continue;
      std::string first = Lower(k);
      // "said in a statement", "said on Monday": skip the adjunct.
      if (!that && (ClassifyWord(first) == WordClass::kPreposition || first == "so" ||
                    first == "nothing" || first == "yes" || first == "no" || first == "goodbye")) {
        continue;
      }
      // "NASA said might take place": a clause opening with a modal lost its subject.
      if (ClassifyWord(first) == WordClass::kAuxiliary) continue;
      int end = ClauseEnd(sentence, k);
      if (end - k < 2) continue;
      bool has_attributed_quote = false;
      for (int u = k; u < end; ++u) {
        if (tokens_[u].kind == TokenKind::kOpenQuote && attributed_quotes_.count(u)) has_attributed_quote = true;
      }
      if (has_attributed_quote) continue;
      // "claimed responsibility for" is an act, not speech.
      if (lemma == "claim" && Lower(k) == "responsibility") continue;
      // A quotation that makes up the whole clause is handled by DirectQuotes.
      double confidence = request ? 0.6 : 0.7;
      for (int s : subjects) {
        EmitSaid(s, tokens_[k].begin, tokens_[end - 1].end, v, v + 1, confidence);
      }
    }
  }

  // "..., Cyprus Mail reported." / "..., X said.": the sentence before the comma.
  void SentenceFinalSource(const Sentence& sentence, int verb) {
    Arg source = ArgEndingAt(verb);
    if (source.entity < 0 || source.begin - 1 <= sentence.token_begin) return;
    if (tokens_[source.begin - 1].text != ",") return;
    if (verb + 1 < sentence.token_end && tokens_[verb + 1].kind == TokenKind::kWord) return;
    int b = sentence.token_begin;
    // Drop an opening adjunct and an inner reporting clause ("a Turkish official said that").
    for (int u = b; u < source.begin - 1; ++u) {
      if (Lower(u) == "that" && u > b && IsSpeechVerb(LemmaAt(u - 1))) {
        b = u + 1;
        break;
      }
    }
    if (tokens_[b].kind == TokenKind::kOpenQuote) return;  // a direct quote: DirectQuotes
    EmitSaid(source.entity, tokens_[b].begin, tokens_[source.begin - 2].end, source.begin, verb + 1, 0.6);
  }

  void AccordingTo(const Sentence& sentence, int v, bool opens_sentence = false) {
    // Sources: the named people and organisations in the phrase ("according to a tweet by
    // X", "according to Reuters and NBC").
    int u = v + 2;
    std::vector<int> sources;
    int phrase_end = u;
    for (; u < sentence.token_end && u < v + 16; ++u) {
      if (tokens_[u].text == "," || tokens_[u].text == "." || tokens_[u].kind == TokenKind::kOpenQuote) break;
      Arg a = ExpandTitled(ArgAt(u));
      std::string_view w = tokens_[u].text;
      bool possessive_pronoun = w == "his" || w == "her" || w == "its" || w == "their" || w == "His" || w == "Her";
      if (a.entity >= 0 && !possessive_pronoun &&
          (TypeOf(a.entity) == EntityType::kPerson || TypeOf(a.entity) == EntityType::kOrganization)) {
        sources.push_back(a.entity);
        u = a.end - 1;
      }
    }
    phrase_end = u;
    if (sources.empty()) return;
    size_t qb, qe;
    bool at_start = opens_sentence || v == sentence.token_begin ||
                    (v - 1 >= sentence.token_begin && tokens_[v - 1].kind == TokenKind::kPunct &&
                     v - 1 == sentence.token_begin);
    if (at_start) {
      int k = phrase_end;
      if (k < sentence.token_end && tokens_[k].text == ",") ++k;
      // "According to X, Hagan's former spokeswoman, ...": skip the source's apposition.
      {
        int close = k;
        bool title = false;
        while (close < sentence.token_end && close < k + 8 && tokens_[close].text != ",") {
          if (LookupTitleWord(Lower(close)) != RoleKind::kNone) title = true;
          ++close;
        }
        if (title && close + 1 < sentence.token_end && tokens_[close].text == ",") k = close + 1;
      }
      int end = sentence.token_end;
      while (end > k && tokens_[end - 1].kind == TokenKind::kPunct) --end;
      if (end - k < 2) return;
      // "According to X, Y said ...": Y's words, and X reported them.
      qb = tokens_[k].begin;
      qe = tokens_[end - 1].end;
    } else {
      // "..., according to X." or "Y, according to X in March, is ...": the rest of the
      // sentence without the attribution.
      int b = sentence.token_begin;
      if (tokens_[b].kind == TokenKind::kOpenQuote) return;  // a direct quote: DirectQuotes
      int end = sentence.token_end;
      while (end > phrase_end && tokens_[end - 1].kind == TokenKind::kPunct) --end;
      if (phrase_end + 1 < end) {
        // The sentence goes on after the phrase: quote it all, the phrase left in.
        qb = tokens_[b].begin;
        qe = tokens_[end - 1].end;
      } else {
        int stop = v - 1;
        while (stop > b && tokens_[stop].kind == TokenKind::kPunct) --stop;
        qb = tokens_[b].begin;
        qe = tokens_[stop].end;
      }
    }
    for (int s : sources) EmitSaid(s, qb, qe, v, phrase_end, 0.6);
  }

  // Direct quotations: the speaker is named right after the quote (", he said"), or right
  // before it ("X said: ..."), or a quote continues the previous one's speaker.
  void DirectQuotes() {
    int previous_speaker = -1;
    int previous_close = -1;
    for (const QuoteSpan& q : doc_.quotes) {
      if (q.close - q.open < 2) continue;
      const Token& open = tokens_[q.open];
      if (doc_.sentences[open.sentence].headline) continue;
      int words = 0;
      for (int k = q.open + 1; k < q.close; ++k) words += tokens_[k].kind == TokenKind::kWord;
      int speaker = -1;
      int phrase = -1;
      // After: `", he said`, `," said X`, `," Pelosi told the public`, `", according to X`.
      int k = q.close + 1;
      int n = static_cast<int>(tokens_.size());
      if (k < n && tokens_[k].text == ",") ++k;
      // A new sentence after the quote attributes it only when short (`"..." He said.`);
      // `"..." He claimed the drilling is legal.` is a new statement.
      bool short_attribution = k >= n || tokens_[k].sentence == tokens_[q.close].sentence ||
                               doc_.sentences[tokens_[k].sentence].token_end - k <= 8;
      if (k < n && tokens_[k].paragraph == open.paragraph && q.close < n && short_attribution) {
        Arg a = ArgAt(k);
        if (a.entity >= 0 && a.end < n && IsSpeechVerbAt(a.end)) {
          speaker = a.entity;
          phrase = a.end;
        } else if (IsSpeechVerbAt(k) && ExpandTitled(ArgAt(k + 1)).entity >= 0) {
          speaker = ExpandTitled(ArgAt(k + 1)).entity;
          phrase = k;
        } else if (IsSpeechVerbAt(k) && k + 1 < n && ArgAt(k + 1).entity < 0) {
          // `," said UCL astronomer X`: a title or organisation before the name.
          for (int u = k + 1; u < n && u < k + 6; ++u) {
            Arg p = ExpandTitled(ArgAt(u));
            if (p.entity >= 0) {
              if (TypeOf(p.entity) == EntityType::kPerson) {
                speaker = p.entity;
                phrase = k;
              }
              break;
            }
            if (tokens_[u].kind != TokenKind::kWord) break;
          }
        } else if (Lower(k) == "according" && k + 1 < n && Lower(k + 1) == "to") {
          for (int u = k + 2; u < n && u < k + 16 && tokens_[u].text != "." && tokens_[u].text != ","; ++u) {
            Arg s = ArgAt(u);
            if (s.entity >= 0 && TypeOf(s.entity) == EntityType::kPerson) {
              speaker = s.entity;
              phrase = k;
              break;
            }
          }
        }
      }
      // Before: `X said: "`, `She added, "`, `called the stabbing "`, `saying, "`.
      if (speaker < 0 && q.open > 0) {
        int u = q.open - 1;
        if (tokens_[u].text == ":" || tokens_[u].text == ",") --u;
        // The verb right before the quote, past a colon or comma and a hearer ("told
        // reporters:"); naming verbs may take an object ("called the stabbing").
        int verb = -1;
        for (int back = 0; back < 6 && u >= 0 && tokens_[u].sentence == open.sentence; ++back, --u) {
          const Token& t = tokens_[u];
          if (t.kind == TokenKind::kWord && !t.capitalized) {
            std::string lemma = Lemma(t.text);
            bool naming = lemma == "call" || lemma == "describe" || lemma == "label" ||
                          lemma == "term" || lemma == "dub" || lemma == "brand";
            if (IsSpeechVerb(lemma) || lemma == "ask" || lemma == "address" || naming) {
              bool adjacent = back == 0 || naming;
              if (!adjacent) {
                // Only a hearer may stand between a speech verb and its quote.
                adjacent = true;
                for (int w = u + 1; w < q.open; ++w) {
                  std::string lw = Lower(w);
                  if (!(lw == "reporters" || lw == "journalists" || lw == "media" || lw == "local" ||
                        lw == "the" || lw == "press" || lw == "public" || lw == ":" || lw == "," ||
                        lw == "today" || ArgAt(w).entity >= 0 ||
                        (w > 0 && ArgAt(w).entity < 0 && coref_.token_mention[w] >= 0))) {
                    adjacent = false;
                  }
                }
              }
              if (adjacent) verb = u;
              break;
            }
          }
          if (t.kind == TokenKind::kPunct && t.text != "," && t.text != ":") break;
          if (t.kind == TokenKind::kCloseQuote || t.kind == TokenKind::kOpenQuote) break;
        }
        if (verb >= 0) {
          const Sentence& sentence = doc_.sentences[tokens_[verb].sentence];
          std::vector<int> subjects = SubjectsOf(sentence, verb, false, nullptr);
          if (!subjects.empty()) {
            speaker = subjects.front();
            phrase = verb;
          }
        }
      }
      // A quote opening a sentence right after the previous speaker's quote, same paragraph.
      if (speaker < 0 && previous_speaker >= 0 && previous_close >= 0 &&
          tokens_[previous_close].paragraph == open.paragraph &&
          open.sentence - tokens_[previous_close].sentence <= 1 && q.open - previous_close <= 20 &&
          words >= 4) {
        speaker = previous_speaker;
        phrase = q.open;
      }
      if (speaker < 0) continue;
      if (words < 2) continue;  // "Overall," is no statement
      // The first sentence of a long quotation is its key sentence.
      int end = q.close;
      int sentence_words = 0;
      for (int u = q.open + 1; words > 30 && u < q.close; ++u) {
        if (tokens_[u].kind == TokenKind::kWord) ++sentence_words;
        if (tokens_[u].sentence != tokens_[q.open + 1].sentence && sentence_words >= 6) {
          end = u;
          break;
        }
      }
      while (end - 1 > q.open + 1 && tokens_[end - 1].kind == TokenKind::kPunct &&
             tokens_[end - 1].text != "." && tokens_[end - 1].text != "?" && tokens_[end - 1].text != "!") {
        --end;
      }
      // A long key sentence is cut at its first coordinated clause.
      if (end - q.open > 40) {
        for (int u = q.open + 8; u < end - 3; ++u) {
          if ((tokens_[u].text == "," && (Lower(u + 1) == "and" || Lower(u + 1) == "but")) ||
              tokens_[u].text == ";") {
            end = u;
            break;
          }
        }
      }
      EmitSaid(speaker, tokens_[q.open + 1].begin, tokens_[end - 1].end, phrase, phrase + 1, 0.85);
      if (phrase >= 0) quote_verbs_.insert(phrase);
      attributed_quotes_.insert(q.open);
      previous_speaker = speaker;
      previous_close = q.close < n ? q.close : n - 1;
    }
  }

  bool IsSpeechVerbAt(int k) const {
    if (k >= static_cast<int>(tokens_.size()) || tokens_[k].kind != TokenKind::kWord) return false;
    const std::string& lemma = LemmaAt(k);
    return IsSpeechVerb(lemma) || lemma == "ask" || lemma == "continue" || lemma == "recall";
  }

  const Document& doc_;
  const std::vector<Token>& tokens_;
  const std::vector<Mention>& mentions_;
  Coreference& coref_;
  std::vector<Entity>& entities_;
  std::string_view path_;
  int sentence_ = 0;
  std::vector<Arg> arg_start_;
  std::vector<Arg> arg_end_;
  std::vector<WorkMention> works_;
  std::vector<std::pair<int, int>> work_sites_;  // (head token, work) of each named work, in order
  std::set<std::tuple<int, int, int>> seen_;
  std::unordered_set<std::string> said_seen_;
  std::unordered_map<int, int> leads_;
  std::unordered_set<int> quote_verbs_;
  std::unordered_map<int, std::string> work_class_;
  std::unordered_map<std::string, std::vector<int>> works_by_class_;  // indexes into works_
  std::unordered_map<std::string, int> bare_works_;
  std::unordered_set<int> attributed_quotes_;
  std::unordered_map<int, int> last_role_owner_;
  std::vector<ExtractedTriple> triples_;
  std::vector<std::string> lower_;
  std::vector<std::string> lemma_;
};

}  // namespace

std::vector<ExtractedTriple> FindRelations(const Document& doc, const std::vector<Mention>& mentions,
                                           Coreference* coref, std::string_view path) {
  RelationFinder finder(doc, mentions, coref, path);
  return finder.Run();
}

}  // namespace kg::extract
