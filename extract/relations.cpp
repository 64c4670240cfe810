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
                      kAccuse, kJoin, kTell };

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
      {"blame", VerbRule::kAccuse},     {"join", VerbRule::kJoin}};
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
          } else if (TypeOf(o.entity) != EntityType::kOrganization || entities_[o.entity].government) {
            break;
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
        WordClass c = ClassifyWord(Lower(p));
        if (c == WordClass::kPreposition && Lower(p) == "of" && p - 1 >= begin &&
            (Lower(p - 1) == "delegations" || Lower(p - 1) == "leaders" || Lower(p - 1) == "representatives" ||
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
      int j = a.begin - 1;
      while (j > begin && (tokens_[j].text == "and" || tokens_[j].text == ",")) {
        Arg b = ArgEndingAt(j);
        if (b.entity < 0 || b.begin < begin) break;
        out.push_back(b.entity);
        j = b.begin - 1;
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
          if (bm >= 0 && mentions_[bm].kind == MentionKind::kDemonym && coref_.token_referent[j] < 0) {
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
      if (a.entity < 0 && !out.empty()) {
        // "A and energy minister B": a title before a listed name.
        int u = k;
        while (u < sentence.token_end && u < k + 4 && tokens_[u].kind == TokenKind::kWord &&
               !tokens_[u].capitalized && (LookupTitleWord(Lower(u)) != RoleKind::kNone || IsTitleModifier(Lower(u)))) {
          ++u;
        }
        if (u > k) a = ExpandTitled(ArgAt(u));
      }
      if (a.entity < 0) break;
      out.push_back(a);
      k = a.end;
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
          --b;
        }
        if (b < t) ResolveWork(b, t + 1, std::string(cls));
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
          if (lemma != "phone") ++k;
          EmitAll(subjects, Predicate::kTalkedWith, ObjectsFrom(sentence, k), v, 0.75);
          break;
        }
        case VerbRule::kTell: {
          std::vector<Arg> objects = ObjectsFrom(sentence, k);
          std::vector<Arg> kept;
          for (const Arg& o : objects) {
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
          int np_end = 0;
          int work = WorkAt(sentence, k, &np_end);
          // Signing imposes a law or decree; signing an agreement is no proposal.
          if (work >= 0 && lemma == "sign" && work_class_[work] != "law") work = -1;
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
        case VerbRule::kAccuse:
          EmitAll(subjects, Predicate::kAccused, ObjectsFrom(sentence, k), v, 0.75);
          break;
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
      if (v + 1 < sentence.token_end && tokens_[v + 1].text == "," &&
          !(v + 2 < sentence.token_end && tokens_[v + 2].kind == TokenKind::kOpenQuote)) {
        // "alleged, by way of example, ...": a short parenthetical is skipped below;
        // "he said, repeating ..." has no clause.
        int close = v + 2;
        while (close < sentence.token_end && close < v + 8 && tokens_[close].text != ",") ++close;
        bool parenthetical = close < sentence.token_end && close < v + 8 && tokens_[close].text == "," &&
                             Lower(v + 2).size() > 0 && Lower(v + 2).back() != 'g';
        if (!parenthetical) continue;
      }
      if (v > sentence.token_begin && ClassifyWord(Lower(v - 1)) == WordClass::kDeterminer) continue;
      std::vector<int> subjects = SubjectsOf(sentence, v, false, nullptr);
      // "..., he noted." closing the sentence: what came before the comma.
      if (!subjects.empty() && (v + 1 >= sentence.token_end || tokens_[v + 1].kind == TokenKind::kPunct)) {
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
      if (k < n && tokens_[k].paragraph == open.paragraph && q.close < n) {
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
            if (IsSpeechVerb(lemma) || lemma == "ask" || naming) {
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
