#include "extract/coref.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "extract/lexical.h"
#include "extract/lexicon.h"
#include "extract/utf8.h"

namespace kg::extract {

namespace {

int EvidenceRank(TypeEvidence e) { return static_cast<int>(e); }

std::vector<std::string> Words(const std::string& folded) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) out.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// "zelensky" and "zelenskyy", "zelenskiy": one name spelt two ways.
bool SpellingVariants(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  if (shorter.size() < 5 || longer.size() - shorter.size() > 2) return false;
  size_t common = 0;
  while (common < shorter.size() && shorter[common] == longer[common]) ++common;
  return common + 1 >= shorter.size() && common >= 5;
}

bool IsPersonPronoun(std::string_view lower) {
  return lower == "he" || lower == "she" || lower == "him" || lower == "her" || lower == "his" ||
         lower == "hers" || lower == "himself" || lower == "herself";
}

char PronounGender(std::string_view lower) {
  if (lower == "he" || lower == "him" || lower == "his" || lower == "himself") return 'm';
  return 'f';
}

class Resolver {
 public:
  Resolver(const Document& doc, std::vector<Mention>* mentions)
      : doc_(doc), mentions_(*mentions) {}

  Coreference Run() {
    out_.token_mention.assign(doc_.tokens.size(), -1);
    out_.token_referent.assign(doc_.tokens.size(), -1);
    out_.referent_length.assign(doc_.tokens.size(), 0);
    for (size_t m = 0; m < mentions_.size(); ++m) {
      for (int k = mentions_[m].token_begin; k < mentions_[m].token_end; ++k) {
        if (out_.token_mention[k] < 0) out_.token_mention[k] = static_cast<int>(m);
      }
    }
    for (const Token& t : doc_.tokens) {
      if (t.kind == TokenKind::kWord && !t.capitalized) lowercase_words_.emplace(t.text);
    }
    for (const Mention& m : mentions_) {
      if (m.title_owner >= 0) owners_.insert(m.title_owner);
    }
    DropLowercaseAcronyms();
    GroupByName();
    MergeOrganizationPrefixes();
    MergeShortForms();
    MergeAcronymDefinitions();
    SettleEntities();
    ResolvePronouns();
    return std::move(out_);
  }

 private:
  std::string KeyOf(const Mention& m) const {
    if (m.evidence == TypeEvidence::kLexicon && m.canonical != m.surface) return Fold(m.canonical);
    if (m.kind != MentionKind::kName) return Fold(m.canonical);
    return Fold(m.canonical);
  }

  // "(LNG)" after "liquefied natural gas": an abbreviation of a common noun, not a name.
  void DropLowercaseAcronyms() {
    for (Mention& m : mentions_) {
      if (m.token_end - m.token_begin != 1 || !doc_.tokens[m.token_begin].all_caps) continue;
      if (m.evidence == TypeEvidence::kLexicon) continue;
      int open = m.token_begin - 1;
      if (open < 1 || doc_.tokens[open].text != "(") continue;
      if (out_.token_mention[open - 1] < 0) dropped_.push_back(&m - mentions_.data());
    }
    std::unordered_map<std::string, bool> lowercase_acronyms;
    for (size_t d : dropped_) lowercase_acronyms[mentions_[d].surface] = true;
    for (Mention& m : mentions_) {
      if (lowercase_acronyms.count(m.surface)) m.entity = -2;
    }
  }

  int NewEntity() {
    out_.entities.emplace_back();
    members_.emplace_back();
    return static_cast<int>(out_.entities.size()) - 1;
  }

  void Assign(int mention, int entity) {
    mentions_[mention].entity = entity;
    members_[entity].push_back(mention);
  }

  void GroupByName() {
    std::unordered_map<std::string, int> by_key;
    for (size_t m = 0; m < mentions_.size(); ++m) {
      Mention& mention = mentions_[m];
      if (mention.entity == -2) continue;
      std::string key = KeyOf(mention);
      // A one-word unknown name waits: it may be a surname of a person named in full.
      bool single = mention.token_end - mention.token_begin == 1 && mention.kind == MentionKind::kName &&
                    mention.evidence != TypeEvidence::kLexicon;
      if (single) {
        pending_.push_back(static_cast<int>(m));
        continue;
      }
      auto it = by_key.find(key);
      if (it == by_key.end()) {
        // Spelling variants of a person's name join the first spelling seen: indexed by
        // the first word and the last word's first five letters, to stay linear.
        int found = -1;
        std::string variant_key;
        if (mention.type == EntityType::kPerson) {
          std::vector<std::string> words = Words(key);
          if (words.size() >= 2 && words.back().size() >= 5) {
            variant_key = words.front() + "|" + words.back().substr(0, 5) + "|" +
                          std::to_string(words.size());
            auto v = variants_.find(variant_key);
            if (v != variants_.end()) {
              std::vector<std::string> other = Words(v->second.first);
              bool same = true;
              for (size_t w = 0; w < words.size() && same; ++w) {
                same = SpellingVariants(words[w], other[w]);
              }
              if (same) found = v->second.second;
            }
          }
        }
        if (found < 0) found = NewEntity();
        if (!variant_key.empty()) variants_.emplace(variant_key, std::make_pair(key, found));
        by_key.emplace(key, found);
        it = by_key.find(key);
      }
      Assign(static_cast<int>(m), it->second);
    }
    by_key_ = std::move(by_key);
  }

  // One-word mentions: a surname or given name of a person named in full ("Leavitt",
  // "Paweł"), the first word of an organisation ("Salling" for "Salling Group"), a
  // spelling variant ("Zelensky"), or a name of its own.
  static const std::vector<int>* Lookup(
      const std::unordered_map<std::string, std::vector<int>>& index, const std::string& key) {
    auto it = index.find(key);
    return it == index.end() ? nullptr : &it->second;
  }

  void MergeShortForms() {
    // Indexes of multi-word names by their first and (prefix of) last word.
    for (const auto& [key, entity] : by_key_) {
      std::vector<std::string> words = Words(key);
      if (words.size() < 2) continue;
      if (key_of_entity_.size() <= static_cast<size_t>(entity)) key_of_entity_.resize(entity + 1);
      if (key_of_entity_[entity].size() < key.size()) key_of_entity_[entity] = key;
      const Mention& first = mentions_[members_[entity].front()];
      auto add = [entity](std::vector<int>* list) {
        if (std::find(list->begin(), list->end(), entity) == list->end()) list->push_back(entity);
      };
      if (first.type == EntityType::kPerson) {
        const std::string& last = words.back();
        add(&last_words_[last.size() >= 5 ? last.substr(0, 5) : last]);
        // A given name alone stands for a person only when the pair is surely a person.
        bool sure = false;
        for (int m : members_[entity]) sure = sure || mentions_[m].evidence >= TypeEvidence::kContext;
        if (sure) add(&person_first_words_[words.front()]);
      } else if (first.type == EntityType::kOrganization &&
                 IsOrganizationHead(mentions_[members_[entity].front()].surface.substr(
                     mentions_[members_[entity].front()].surface.find_last_of(' ') + 1))) {
        // "Salling" for "Salling Group"; not "Tesco" for "Tesco Polska".
        add(&org_first_words_[words.front()]);
      }
    }
    for (int m : pending_) {
      Mention& mention = mentions_[m];
      std::string key = Fold(mention.surface);
      auto exact = by_key_.find(key);
      if (exact != by_key_.end()) {
        Assign(m, exact->second);
        continue;
      }
      // Each distinct short form is resolved once; later ones find it in by_key_ above.
      int person_last = -1, person_first = -1, org_first = -1;
      int person_last_count = 0, person_first_count = 0, org_first_count = 0;
      auto count = [](const std::vector<int>* list, int* entity, int* n) {
        if (list == nullptr) return;
        for (int e : *list) {
          if (e != *entity) ++*n;
          *entity = e;
        }
      };
      count(Lookup(last_words_, key.size() >= 5 ? key.substr(0, 5) : key), &person_last,
            &person_last_count);
      if (person_last >= 0) {
        // The index is by prefix: keep only real surname matches.
        person_last = -1;
        person_last_count = 0;
        for (int e : last_words_[key.size() >= 5 ? key.substr(0, 5) : key]) {
          std::vector<std::string> words = Words(Fold(out_.entities.size() > 0 ? key_of_entity_[e] : ""));
          if (!words.empty() && SpellingVariants(words.back(), key) && e != person_last) {
            ++person_last_count;
            person_last = e;
          }
        }
      }
      count(Lookup(person_first_words_, key), &person_first, &person_first_count);
      if (!LookupPlace(mention.surface) && !LookupDemonym(mention.surface)) {
        count(Lookup(org_first_words_, key), &org_first, &org_first_count);
      }
      int target = -1;
      if (person_last_count == 1) {
        target = person_last;
      } else if (person_last_count == 0 && person_first_count == 1) {
        target = person_first;
      } else if (person_last_count == 0 && person_first_count == 0 && org_first_count == 1) {
        target = org_first;
      }
      if (target < 0) {
        target = NewEntity();
        by_key_.emplace(key, target);
      }
      Assign(m, target);
    }
  }

  // Moves every mention of `from` to `to`. Name keys still pointing at `from` are fixed by
  // RedirectKeys, once for a batch of merges, so merging stays linear.
  void MergeInto(int from, int to) {
    if (from == to) return;
    for (int other : members_[from]) {
      mentions_[other].entity = to;
      members_[to].push_back(other);
    }
    members_[from].clear();
    redirect_[from] = to;
  }

  void RedirectKeys() {
    for (auto& [key, entity] : by_key_) {
      int hops = 0;
      for (auto it = redirect_.find(entity); it != redirect_.end() && hops < 64; it = redirect_.find(entity), ++hops) {
        entity = it->second;
      }
    }
  }

  static bool IsLegalSuffix(const std::string& folded_word) {
    static const std::unordered_set<std::string> kSuffixes = {
        "a/s", "inc", "inc.", "ltd", "ltd.", "llc", "plc", "ag", "gmbh", "sa", "s.a.", "corp",
        "corp.", "co", "co.", "nv", "bv", "ab", "asa", "spa", "s.p.a.", "se", "oyj", "pjsc", "jsc"};
    return kSuffixes.count(folded_word) > 0;
  }

  // "Salling Group" and "Salling Group A/S": a longer organisation name that only adds a
  // legal form is the same organisation ("UN General Assembly" is not the UN).
  void MergeOrganizationPrefixes() {
    std::vector<std::pair<std::string, int>> orgs;
    for (const auto& [key, entity] : by_key_) {
      if (members_[entity].empty()) continue;
      if (mentions_[members_[entity].front()].type != EntityType::kOrganization) continue;
      orgs.emplace_back(key, entity);
    }
    std::vector<std::pair<int, int>> merges;
    for (const auto& [key, entity] : orgs) {
      std::vector<std::string> words = Words(key);
      std::string prefix;
      for (size_t w = 0; w + 1 < words.size(); ++w) {
        prefix += (w ? " " : "") + words[w];
        if (w == 0) continue;  // two words at least
        bool only_legal = true;
        for (size_t r = w + 1; r < words.size(); ++r) only_legal = only_legal && IsLegalSuffix(words[r]);
        if (!only_legal) continue;
        auto it = by_key_.find(prefix);
        if (it != by_key_.end() && it->second != entity && !members_[it->second].empty() &&
            mentions_[members_[it->second].front()].type == EntityType::kOrganization) {
          merges.emplace_back(entity, it->second);
        }
      }
    }
    for (const auto& [from, to] : merges) {
      if (!members_[from].empty()) MergeInto(from, to);
    }
    RedirectKeys();
  }

  // "Notes from Poland (NFP)", "Deutsche Welle (DW)": the acronym joins the name before it;
  // "WWE (World Wrestling Entertainment)": the name in brackets joins the acronym.
  void MergeAcronymDefinitions() {
    for (size_t m = 0; m < mentions_.size(); ++m) {
      Mention& mention = mentions_[m];
      if (mention.entity < 0 || mention.token_end - mention.token_begin < 2) continue;
      int open = mention.token_begin - 1;
      if (open < 1 || doc_.tokens[open].text != "(" || mention.token_end >= static_cast<int>(doc_.tokens.size()) ||
          doc_.tokens[mention.token_end].text != ")") {
        continue;
      }
      int before = out_.token_mention[open - 1];
      if (before < 0 || mentions_[before].entity < 0) continue;
      if (mentions_[before].token_end - mentions_[before].token_begin != 1 ||
          !doc_.tokens[mentions_[before].token_begin].all_caps) {
        continue;
      }
      MergeInto(mentions_[before].entity, mention.entity);
    }
    for (size_t m = 0; m < mentions_.size(); ++m) {
      Mention& mention = mentions_[m];
      if (mention.entity < 0 || mention.token_end - mention.token_begin != 1) continue;
      if (!doc_.tokens[mention.token_begin].all_caps) continue;
      int open = mention.token_begin - 1;
      if (open < 1 || doc_.tokens[open].text != "(") continue;
      int before = out_.token_mention[open - 1];
      if (before < 0 || mentions_[before].entity < 0) continue;
      if (before < 0 || mentions_[before].entity < 0) continue;
      int from = mention.entity, to = mentions_[before].entity;
      if (from == to) continue;
      for (int other : members_[from]) {
        mentions_[other].entity = to;
        members_[to].push_back(other);
      }
      members_[from].clear();
    }
  }

  void SettleEntities() {
    for (size_t e = 0; e < out_.entities.size(); ++e) {
      Entity& entity = out_.entities[e];
      if (members_[e].empty()) {
        entity.dropped = true;
        continue;
      }
      // Type: the strongest evidence wins; people named with a title or honorific stay people.
      TypeEvidence best = TypeEvidence::kUnknown;
      EntityType type = EntityType::kPerson;
      std::string name;
      bool has_name_form = false;
      for (int m : members_[e]) {
        const Mention& mention = mentions_[m];
        if (EvidenceRank(mention.evidence) > EvidenceRank(best)) {
          best = mention.evidence;
          type = mention.type;
        }
        if (mention.gender) entity.gender = mention.gender;
        entity.government = entity.government || mention.government;
        entity.country = entity.country || mention.country;
        if (!mention.title.empty() &&
            std::find(entity.titles.begin(), entity.titles.end(), mention.title) == entity.titles.end()) {
          entity.titles.push_back(mention.title);
        }
        const std::string& candidate = mention.canonical;
        if (mention.kind == MentionKind::kName || !has_name_form) {
          bool better = name.empty() || candidate.size() > name.size() ||
                        (!has_name_form && mention.kind == MentionKind::kName);
          // A gazetteer name is canonical for a known place or organisation.
          if (mention.evidence == TypeEvidence::kLexicon && mention.canonical != mention.surface) {
            better = true;
          }
          if (better) name = candidate;
          if (mention.kind == MentionKind::kName) has_name_form = true;
        }
      }
      // A lone capitalised word followed by a reporting verb is a source: an outlet reports,
      // a person says.
      if (best == TypeEvidence::kUnknown) {
        for (int m : members_[e]) {
          int next = mentions_[m].token_end;
          if (next >= static_cast<int>(doc_.tokens.size())) continue;
          std::string lower = ToLower(doc_.tokens[next].text);
          if (lower == "reports" || lower == "reported") {
            type = EntityType::kOrganization;
            best = TypeEvidence::kGuess;
          } else if (lower == "said" || lower == "says" || lower == "told" || lower == "added") {
            type = EntityType::kPerson;
            best = TypeEvidence::kGuess;
          }
        }
      }
      // A guessed person needs support: a title, a surname used alone, or a reporting verb
      // after the name; otherwise a capitalised pair is more often an organisation
      // ("Gazeta Prawna", "Grateful Dead").
      if (type == EntityType::kPerson && best == TypeEvidence::kGuess) {
        bool support = false;
        for (int m : members_[e]) {
          const Mention& mention = mentions_[m];
          // A surname used alone supports a person, unless it looks like a brand ("SpaceX").
          if (mention.token_end - mention.token_begin == 1) {
            std::string_view w = doc_.tokens[mention.token_begin].text;
            bool inner_capital = false;
            for (size_t c = 1; c < w.size(); ++c) inner_capital = inner_capital || (w[c] >= 'A' && w[c] <= 'Z');
            if (!inner_capital) support = true;
          }
          if (!mention.title.empty() || mention.gender) support = true;
          int next = mention.token_end;
          while (next < static_cast<int>(doc_.tokens.size()) &&
                 (doc_.tokens[next].text == "has" || doc_.tokens[next].text == "had" ||
                  doc_.tokens[next].text == "also")) {
            ++next;
          }
          if (next < static_cast<int>(doc_.tokens.size())) {
            std::string lemma = Lemma(doc_.tokens[next].text);
            if (lemma == "say" || lemma == "tell" || lemma == "add" || lemma == "explain" ||
                lemma == "die" || lemma == "write" || lemma == "meet" || lemma == "visit" ||
                lemma == "speak" || lemma == "urge" || lemma == "claim" || lemma == "tweet" ||
                lemma == "remark" || lemma == "note" || lemma == "warn" || lemma == "travel") {
              support = true;
            }
          }
          // A title before it, across a comma: "the Archbishop of Gdańsk, X".
          int before = mention.token_begin - 1;
          if (before > 0 && doc_.tokens[before].text == ",") {
            for (int k = before - 1; k >= 0 && k >= before - 4; --k) {
              if (LookupTitleWord(ToLower(doc_.tokens[k].text)) != RoleKind::kNone) support = true;
            }
          }
          // An apposition or copula naming a job: "X, a journalist", "X, deputy director".
          if (next + 1 < static_cast<int>(doc_.tokens.size()) && doc_.tokens[next].text == ",") {
            for (int k = next + 1; k < next + 9 && k < static_cast<int>(doc_.tokens.size()); ++k) {
              if (doc_.tokens[k].text == "," || doc_.tokens[k].text == ".") break;
              if (LookupTitleWord(ToLower(doc_.tokens[k].text)) != RoleKind::kNone) support = true;
            }
          }
        }
        // Without support, a name holding an ordinary word ("Grateful Dead", "Mayo
        // Clinic": words the article also writes in lower case) is an organisation.
        // "Netto Poland": a pair ending in a country is a branch, not a person.
        for (int m : members_[e]) {
          const Mention& mention = mentions_[m];
          if (mention.token_end - mention.token_begin >= 2 &&
              LookupPlace(doc_.tokens[mention.token_end - 1].text)) {
            support = false;
          }
        }
        if (!support) {
          for (int m : members_[e]) {
            const Mention& mention = mentions_[m];
            for (int k = mention.token_begin; k < mention.token_end; ++k) {
              std::string lower = ToLower(doc_.tokens[k].text);
              if (lowercase_words_.count(lower) || IsOrganizationHead(doc_.tokens[k].text)) {
                type = EntityType::kOrganization;
              }
            }
          }
        }
      }
      // Organisations keep the name the article uses ("EU", not "European Union"); places
      // take the gazetteer's ("France" for "French").
      if (type == EntityType::kOrganization) {
        std::string longest;
        for (int m : members_[e]) {
          const Mention& mention = mentions_[m];
          if (mention.kind == MentionKind::kName && mention.surface.size() > longest.size()) {
            longest = mention.surface;
          }
        }
        if (!longest.empty()) name = longest;
      }
      // Organisation evidence for a name with no better type: a business word before it
      // ("retailer Tesco", "daily Kathimerini") or after it ("the Kaufland chain"), a list
      // with organisations ("Deutsche Telekom, Daimler, and Siemens"), owning a title
      // ("Grateful Dead drummer X"), or being capitalised mid-sentence again and again.
      // A work noun after it ("the EastMed pipeline") makes it part of a work's name.
      if (best <= TypeEvidence::kGuess) {
        int mid_sentence = 0;
        int strong = 0;
        int work_nouns = 0;
        static const std::unordered_set<std::string> kBusiness = {
            "retailer", "daily", "newspaper", "producer", "supplier", "broadcaster", "company",
            "firm", "airline", "carrier", "chain", "group", "agency", "outlet", "website",
            "magazine", "network", "channel", "bank", "giant", "maker", "developer", "operator",
            "supermarket", "insurer", "manufacturer", "publisher", "tabloid", "startup", "brand"};
        static const std::unordered_set<std::string> kWorkNouns = {
            "pipeline", "project", "plan", "agreement", "deal", "treaty", "programme", "program",
            "initiative", "bill", "law", "accord", "proposal", "scheme", "mission", "telescope"};
        for (int m : members_[e]) {
          const Mention& mention = mentions_[m];
          if (owners_.count(m)) strong += 2;
          int before = mention.token_begin - 1;
          int after = mention.token_end;
          if (after < static_cast<int>(doc_.tokens.size())) {
            std::string next = ToLower(doc_.tokens[after].text);
            if (!doc_.tokens[after].capitalized && kBusiness.count(next)) strong += 2;
            if (!doc_.tokens[after].capitalized && kWorkNouns.count(next)) ++work_nouns;
            // "UOKiK, the Polish anti-monopoly agency"
            if (doc_.tokens[after].text == ",") {
              for (int k = after + 1; k < after + 6 && k < static_cast<int>(doc_.tokens.size()); ++k) {
                if (doc_.tokens[k].text == "," || doc_.tokens[k].text == ".") break;
                if (kBusiness.count(ToLower(doc_.tokens[k].text))) strong += 2;
              }
            }
          }
          if (before < 0) continue;
          const Token& prev = doc_.tokens[before];
          if (prev.sentence == doc_.tokens[mention.token_begin].sentence && prev.kind == TokenKind::kWord) {
            ++mid_sentence;
            if (kBusiness.count(ToLower(prev.text))) strong += 2;
          }
          // Lists: an organisation before ("X, Daimler") or after ("Biedronka and LIDL").
          // Commas alone may close an apposition: a list needs "and" on one side.
          bool and_before = false, and_after = false;
          int b = before;
          while (b >= 0 && (doc_.tokens[b].text == "and" || doc_.tokens[b].text == ",")) {
            and_before = and_before || doc_.tokens[b].text == "and";
            --b;
          }
          for (int k = after; k < after + 8 && k < static_cast<int>(doc_.tokens.size()); ++k) {
            if (doc_.tokens[k].text == "and") and_after = true;
            if (doc_.tokens[k].text == "." || doc_.tokens[k].kind == TokenKind::kOpenQuote) break;
          }
          if ((and_before || and_after) && b < before && b >= 0 && out_.token_mention[b] >= 0) {
            int other = mentions_[out_.token_mention[b]].entity;
            if (other >= 0 && other < static_cast<int>(e) && !out_.entities[other].dropped &&
                out_.entities[other].type == EntityType::kOrganization) {
              strong += 2;
            }
          }
          int a = after;
          bool and_between = false;
          while (a < static_cast<int>(doc_.tokens.size()) && (doc_.tokens[a].text == "and" || doc_.tokens[a].text == ",")) {
            and_between = and_between || doc_.tokens[a].text == "and";
            ++a;
          }
          if (and_between && a > after && a < static_cast<int>(doc_.tokens.size()) && out_.token_mention[a] >= 0) {
            const Mention& other = mentions_[out_.token_mention[a]];
            if (other.type == EntityType::kOrganization && other.evidence >= TypeEvidence::kContext) strong += 2;
          }
        }
        bool single = true;
        for (int m : members_[e]) single = single && mentions_[m].token_end - mentions_[m].token_begin == 1;
        if (work_nouns * 2 >= static_cast<int>(members_[e].size()) && work_nouns > 0 &&
            (single || best == TypeEvidence::kGuess)) {
          type = EntityType::kWork;
          best = TypeEvidence::kGuess;
        } else if (strong >= 2 && (type != EntityType::kPerson || best == TypeEvidence::kGuess || best == TypeEvidence::kUnknown)) {
          type = EntityType::kOrganization;
          best = TypeEvidence::kContext;
        } else if (best == TypeEvidence::kUnknown && mid_sentence >= 2 && !lowercase_words_.count(ToLower(name))) {
          type = EntityType::kOrganization;
          best = TypeEvidence::kGuess;
        }
      }
      entity.type = type;
      entity.name = name;
      entity.mentions = static_cast<int>(members_[e].size());
      if (best == TypeEvidence::kUnknown) entity.dropped = true;
      if (type == EntityType::kPlace) entity.government = true;
      for (int m : members_[e]) {
        const std::string& alias = mentions_[m].surface;
        if (Fold(alias) != Fold(entity.name) &&
            std::find(entity.aliases.begin(), entity.aliases.end(), alias) == entity.aliases.end()) {
          entity.aliases.push_back(alias);
        }
      }
    }
    for (Mention& m : mentions_) {
      if (m.entity >= 0 && out_.entities[m.entity].dropped) m.entity = -1;
      if (m.entity == -2) m.entity = -1;
    }
  }

  // he/she/him/her/his: the most recent person of a compatible gender, preferring the
  // subject (first person) of a sentence; a resolved pronoun teaches the entity's gender.
  // Descriptions "the press secretary", "the minister" go to the latest person with that title.
  void ResolvePronouns() {
    struct Seen {
      int entity;
      int sentence;
      int token;
      bool subject;
    };
    std::vector<Seen> recent;  // people in document order; only the last few are searched
    int last_sentence_with_person = -1;
    for (size_t t = 0; t < doc_.tokens.size(); ++t) {
      const Token& tok = doc_.tokens[t];
      int m = out_.token_mention[t];
      if (m >= 0 && mentions_[m].token_begin == static_cast<int>(t)) {
        int e = mentions_[m].entity;
        if (e >= 0 && out_.entities[e].type == EntityType::kPerson) {
          bool subject = last_sentence_with_person != tok.sentence;
          last_sentence_with_person = tok.sentence;
          recent.push_back({e, tok.sentence, static_cast<int>(t), subject});
        }
        continue;
      }
      if (tok.kind != TokenKind::kWord) continue;
      std::string lower = ToLower(tok.text);
      if (lower == "the" && t + 1 < doc_.tokens.size()) {
        // "the press secretary", "the minister" (not followed by a name).
        size_t k = t + 1;
        bool head = false;
        while (k < doc_.tokens.size() && k < t + 5 && doc_.tokens[k].kind == TokenKind::kWord &&
               !doc_.tokens[k].capitalized) {
          std::string w = ToLower(doc_.tokens[k].text);
          if (LookupTitleWord(w) != RoleKind::kNone) {
            head = true;
            ++k;
            continue;
          }
          if (IsTitleModifier(w)) {
            ++k;
            continue;
          }
          break;
        }
        if (!head || (k < doc_.tokens.size() && (doc_.tokens[k].capitalized || doc_.tokens[k].text == "of"))) {
          continue;
        }
        std::string last_word = ToLower(doc_.tokens[k - 1].text);
        for (size_t r = recent.size(); r-- > 0;) {
          if (tok.sentence - recent[r].sentence > 8) break;
          const Entity& ent = out_.entities[recent[r].entity];
          bool has_title = false;
          for (const std::string& title : ent.titles) {
            if (title.size() >= last_word.size() &&
                title.compare(title.size() - last_word.size(), last_word.size(), last_word) == 0) {
              has_title = true;
            }
          }
          if (has_title) {
            out_.token_referent[t] = recent[r].entity;
            out_.referent_length[t] = static_cast<int>(k - t);
            bool subject = last_sentence_with_person != tok.sentence;
            last_sentence_with_person = tok.sentence;
            recent.push_back({recent[r].entity, tok.sentence, static_cast<int>(t), subject});
            break;
          }
        }
        continue;
      }
      if (!IsPersonPronoun(lower)) continue;
      char gender = PronounGender(lower);
      // The most recent compatible person that is a sentence subject (or already named in
      // this sentence); failing that, the most recent compatible one. An entity whose
      // gender is known is compatible only with its own pronouns.
      int chosen = -1;
      int fallback = -1;
      for (size_t r = recent.size(); r-- > 0;) {
        if (tok.sentence - recent[r].sentence > 3) break;
        const Entity& ent = out_.entities[recent[r].entity];
        if (ent.gender && ent.gender != gender) continue;
        bool same_sentence = recent[r].sentence == tok.sentence;
        const Token& opener = doc_.tokens[doc_.sentences[tok.sentence].token_begin];
        bool participial_opener = opener.text.size() > 4 &&
                                  opener.text.compare(opener.text.size() - 3, 3, "ing") == 0;
        if (recent[r].subject && !(same_sentence && participial_opener)) {
          chosen = recent[r].entity;
          break;
        }
        if (fallback < 0) fallback = recent[r].entity;
      }
      if (chosen < 0) chosen = fallback;
      if (chosen < 0) continue;
      out_.token_referent[t] = chosen;
      out_.referent_length[t] = 1;
      if (!out_.entities[chosen].gender) out_.entities[chosen].gender = gender;
      bool subject = last_sentence_with_person != tok.sentence;
      last_sentence_with_person = tok.sentence;
      recent.push_back({chosen, tok.sentence, static_cast<int>(t), subject});
    }
  }

  const Document& doc_;
  std::vector<Mention>& mentions_;
  Coreference out_;
  std::vector<std::vector<int>> members_;
  std::vector<int> pending_;
  std::vector<size_t> dropped_;
  std::unordered_map<std::string, int> by_key_;
  std::unordered_map<std::string, std::pair<std::string, int>> variants_;
  std::unordered_map<std::string, std::vector<int>> last_words_;
  std::unordered_map<std::string, std::vector<int>> person_first_words_;
  std::unordered_map<std::string, std::vector<int>> org_first_words_;
  std::vector<std::string> key_of_entity_;
  std::unordered_map<int, int> redirect_;
  std::unordered_set<std::string> lowercase_words_;
  std::unordered_set<int> owners_;  // mentions that own a person's title
};

}  // namespace

Coreference ResolveCoreference(const Document& doc, std::vector<Mention>* mentions) {
  Resolver resolver(doc, mentions);
  return resolver.Run();
}

}  // namespace kg::extract
