#include "extract/entities.h"

#include <string>
#include <string_view>
#include <unordered_set>

#include "extract/lexical.h"
#include "extract/lexicon.h"
#include "extract/utf8.h"

namespace kg::extract {

namespace {

bool IsParticle(std::string_view w) {
  return w == "bin" || w == "ibn" || w == "bint" || w == "al" || w == "van" || w == "von" ||
         w == "de" || w == "da" || w == "di" || w == "du" || w == "der" || w == "den" ||
         w == "la" || w == "le" || w == "dos" || w == "del" || w == "el";
}

bool IsDayOrMonth(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
      "January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December"};
  return kWords.count(w) > 0;
}

// Capitalised words that name no thing and are never the start of one: "Work" heads such
// as "Plan" or "Act" type a span as a Work instead.
bool IsWorkHead(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "Act", "Bill", "Law", "Treaty", "Agreement", "Accord", "Accords", "Convention", "Plan",
      "Project", "Report", "Programme", "Program", "Initiative", "Amendment", "Constitution",
      "Resolution", "Declaration", "Charter", "Protocol", "Index", "Pipeline", "Interconnector",
      "Strategy", "Doctrine", "Deal", "Memorandum", "Interest", "Rights", "Line"};
  return kWords.count(w) > 0;
}

bool IsEventHead(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "Marathon", "Games", "Olympics", "Cup", "Championship", "Championships", "Summit",
      "Conference", "War", "Festival", "Election", "Elections", "Award", "Awards", "Prize",
      "Forum2", "Tournament", "Open", "Expo", "Week", "Day", "Revolution", "Crisis"};
  return kWords.count(w) > 0;
}

bool IsDirectional(std::string_view w) {
  return w == "North" || w == "South" || w == "East" || w == "West" || w == "Northern" ||
         w == "Southern" || w == "Eastern" || w == "Western" || w == "Central" ||
         w == "Upper" || w == "Lower" || w == "Greater";
}

// A title token: "Minister", "minister", "Ex-Prime", "former".
bool IsTitleToken(std::string_view text) {
  std::string lower = ToLower(text);
  if (lower.rfind("ex-", 0) == 0) lower = lower.substr(3);
  return LookupTitleWord(lower) != RoleKind::kNone || IsTitleModifier(lower);
}

bool IsTitleHeadToken(std::string_view text) {
  std::string lower = ToLower(text);
  if (lower.rfind("ex-", 0) == 0) lower = lower.substr(3);
  return LookupTitleWord(lower) != RoleKind::kNone;
}

// Honorifics and nobility words that are dropped from a name: "Mr", "Dr", "Crown Prince".
bool IsHonorificToken(std::string_view text) {
  if (IsHonorific(text)) return true;
  static const std::unordered_set<std::string_view> kWords = {
      "Prince", "Princess", "Crown", "Archbishop", "Bishop", "Cardinal", "Rabbi", "Emir",
      "Sultan", "Sheikh", "Imam", "Pope", "King", "Queen", "Lord", "Baroness", "Baron"};
  return kWords.count(text) > 0;
}

char GenderOf(std::string_view honorific) {
  if (honorific == "Mr" || honorific == "Mr." || honorific == "Sir" || honorific == "Lord" ||
      honorific == "King" || honorific == "Prince" || honorific == "Baron") {
    return 'm';
  }
  if (honorific == "Ms" || honorific == "Ms." || honorific == "Mrs" || honorific == "Mrs." ||
      honorific == "Miss" || honorific == "Dame" || honorific == "Lady" || honorific == "Queen" ||
      honorific == "Princess" || honorific == "Baroness") {
    return 'f';
  }
  return 0;
}

// "I", "I'm", "You've", "Don't": a pronoun or contraction, capitalised by grammar, never a
// name or part of one ("O'Brien", "Qur'an" and "D'Souza" are names).
bool IsPronounOrContraction(std::string_view w) {
  if (w == "I") return true;
  size_t apostrophe = w.find('\'');
  size_t width = 1;
  if (size_t curly = w.find("\xE2\x80\x99"); curly != std::string_view::npos &&
      (apostrophe == std::string_view::npos || curly < apostrophe)) {
    apostrophe = curly;
    width = 3;
  }
  if (apostrophe == std::string_view::npos || apostrophe == 0) return false;
  std::string_view rest = w.substr(apostrophe + width);
  std::string_view head = w.substr(0, apostrophe);
  if (rest == "t" && head.size() > 1 && head.back() == 'n') return true;  // "Don't", "Can't"
  return rest == "m" || rest == "ve" || rest == "ll" || rest == "re" ||
         (rest == "d" && (head == "I" || head == "You" || head == "We" || head == "They" ||
                          head == "He" || head == "She"));
}

// Capitalised function words ("And", "We", "Although"): capital only as a clause's first
// word, never inside a name.
bool IsFunctionWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "And", "But", "Or", "Nor", "So", "Yet", "If", "When", "While", "Whereas", "Although",
      "Though", "Because", "Since", "Unless", "Until", "As", "That", "Than", "We", "You", "He",
      "She", "They", "It", "Our", "Your", "Their", "Its", "Yes", "No", "Whether", "Whenever",
      "Wherever", "However", "Moreover", "Meanwhile", "Thus", "Therefore"};
  return kWords.count(w) > 0;
}

// What may follow a transcript's speaker tag: a clause's first word, never a name's next.
bool OpensClauseOnly(std::string_view w) {
  return IsFunctionWord(w) || w == "The" || w == "A" || w == "An" || w == "In" || w == "On" ||
         w == "At" || w == "This" || w == "These" || w == "There" || w == "I";
}

bool IsNameToken(const Token& t) {
  if (t.kind != TokenKind::kWord) return false;
  if (IsPronounOrContraction(t.text)) return false;
  if (t.capitalized) return true;
  // "al-Assad", "el-Sisi": a lower-case particle joined to a capitalised name.
  if (t.text.size() > 3 && (t.text.rfind("al-", 0) == 0 || t.text.rfind("el-", 0) == 0)) {
    int len = 0;
    return IsUpper(DecodeAt(t.text, 3, &len));
  }
  return false;
}

std::vector<std::string_view> SplitHyphens(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t pos = text.find('-', start);
    size_t dash = text.find("\xE2\x80\x93", start);  // en dash: "Export–Import"
    size_t width = 1;
    if (dash != std::string_view::npos && (pos == std::string_view::npos || dash < pos)) {
      pos = dash;
      width = 3;
    }
    if (pos == std::string_view::npos) {
      parts.push_back(text.substr(start));
      break;
    }
    parts.push_back(text.substr(start, pos - start));
    start = pos + width;
  }
  return parts;
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  int len = 0;
  return IsUpper(DecodeAt(s, 0, &len));
}

class MentionFinder {
 public:
  explicit MentionFinder(const Document& doc) : doc_(doc) {}

  std::vector<Mention> Run() {
    CollectWordForms();
    for (int pass = 0; pass < 2; ++pass) {
      // Body sentences first, so the headline can be checked against what the body names.
      for (size_t s = 0; s < doc_.sentences.size(); ++s) {
        const Sentence& sentence = doc_.sentences[s];
        if (sentence.headline != (pass == 1)) continue;
        ScanSentence(static_cast<int>(s));
      }
      if (pass == 0) {
        for (const Mention& m : mentions_) body_names_.insert(Fold(m.surface));
      }
    }
    std::vector<Mention> out;
    out.reserve(mentions_.size());
    // Headline sentences come first in the document: put mentions back in token order.
    std::vector<Mention> headline, body;
    for (Mention& m : mentions_) {
      (doc_.sentences[m.sentence].headline ? headline : body).push_back(std::move(m));
    }
    for (Mention& m : headline) out.push_back(std::move(m));
    for (Mention& m : body) out.push_back(std::move(m));
    AttachTitles(&out);
    return out;
  }

 private:
  void CollectWordForms() {
    for (const Token& t : doc_.tokens) {
      if (t.kind == TokenKind::kWord && !t.capitalized) lower_forms_.emplace(t.text);
    }
  }

  bool AppearsLowercase(std::string_view word) const {
    std::string lower = ToLower(word);
    return lower_forms_.count(lower) > 0;
  }

  // True at the first word of a sentence, or of a quotation or after a colon.
  // Interview transcripts put a speaker tag before each answer: "((WN)) When I ...",
  // "MS We did ...". A parenthesised group or a short all-capital tag at the start of a line
  // ends the clause before it.
  bool AtClauseStart(int i) const {
    const Sentence& s = doc_.sentences[doc_.tokens[i].sentence];
    if (doc_.tokens[i].newline_before) return true;
    for (int k = i - 1; k >= s.token_begin; --k) {
      const Token& t = doc_.tokens[k];
      if (t.kind == TokenKind::kOpenQuote || t.text == ":" || t.text == "(" ||
          t.text == "\xE2\x80\x94") {
        return true;
      }
      if (t.text == ")") {
        int depth = 0;
        while (k >= s.token_begin) {
          if (doc_.tokens[k].text == ")") ++depth;
          if (doc_.tokens[k].text == "(" && --depth == 0) break;
          --k;
        }
        if (k <= s.token_begin) return true;  // the group opens the sentence
        continue;
      }
      if (t.newline_before && IsSpeakerTag(t.text) && k + 1 == i) return true;
      if (t.kind != TokenKind::kPunct) return false;
    }
    return true;
  }

  static bool IsSpeakerTag(std::string_view w) {
    if (w.size() < 2 || w.size() > 4) return false;
    for (char c : w) {
      if (c < 'A' || c > 'Z') return false;
    }
    return true;
  }

  bool SpanHasHead(int b, int e) const {
    for (int k = b; k < e; ++k) {
      if (IsOrganizationHead(doc_.tokens[k].text) || IsPlaceHead(doc_.tokens[k].text)) return true;
    }
    return false;
  }

  bool SpanHasGovernmentHead(int b, int e) const {
    for (int k = b; k < e; ++k) {
      std::string_view w = doc_.tokens[k].text;
      if (IsGovernmentWord(w) || w == "University" || w == "Institute" || w == "Bank") return true;
    }
    return false;
  }

  std::string Text(int b, int e) const {
    if (b >= e) return "";
    return std::string(doc_.text.substr(doc_.tokens[b].begin, doc_.tokens[e - 1].end - doc_.tokens[b].begin));
  }

  void ScanSentence(int s) {
    const Sentence& sentence = doc_.sentences[s];
    const auto& tokens = doc_.tokens;
    for (int i = sentence.token_begin; i < sentence.token_end; ++i) {
      const Token& t = tokens[i];
      if (!IsNameToken(t)) continue;
      // "MS We did not ...": a transcript's speaker tag, not a name.
      if (t.newline_before && IsSpeakerTag(t.text) && i + 1 < sentence.token_end &&
          OpensClauseOnly(tokens[i + 1].text)) {
        continue;
      }
      if (t.text.find('-') != std::string_view::npos && HandleHyphenated(i, s)) continue;
      int j = i + 1;
      while (j < sentence.token_end) {
        const Token& n = tokens[j];
        if (n.newline_before) break;
        if (IsNameToken(n) && !IsDayOrMonth(n.text) && !HasLowerSuffix(n.text) &&
            !IsFunctionWord(n.text)) {
          ++j;
          continue;
        }
        // "World War I", "Elizabeth I": the numeral, after a name word that is not a
        // capitalised sentence opener ("When I", "And I" are the pronoun).
        if (n.text == "I" && !AtClauseStart(j - 1) && IsNameToken(tokens[j - 1]) &&
            !IsFunctionWord(tokens[j - 1].text)) {
          ++j;
          continue;
        }
        // "Dr. Tomasz Stefaniak": the honorific's dot does not end the name.
        if (n.text == "." && n.begin == tokens[j - 1].end && IsHonorificToken(tokens[j - 1].text) &&
            j + 1 < sentence.token_end && IsNameToken(tokens[j + 1])) {
          ++j;
          continue;
        }
        if (n.kind == TokenKind::kWord && IsParticle(n.text) && j + 1 < sentence.token_end &&
            IsNameToken(tokens[j + 1])) {
          j += 2;
          continue;
        }
        if ((n.text == "of" || n.text == "for") && j + 1 < sentence.token_end) {
          int k = j + 1;
          if (tokens[k].text == "the" && k + 1 < sentence.token_end) ++k;
          // A known name joins through "of" without a head word ("House of Representatives").
          int name_begin = tokens[i].text == "The" && i + 1 < j ? i + 1 : i;  // "The House of ..."
          bool known = IsNameToken(tokens[k]) && LookupOrganization(Text(name_begin, k + 1)).has_value();
          if (IsNameToken(tokens[k]) && !IsDayOrMonth(tokens[k].text) && (SpanHasHead(i, j) || known)) {
            // "Mahan Air of Iran" stays two names; "Office of Germany" and
            // "House of Representatives" are one.
            bool place_follows = LookupPlace(tokens[k].text).has_value();
            if (!place_follows || SpanHasGovernmentHead(i, j)) {
              j = k + 1;
              continue;
            }
          }
        }
        // "Department of Emergency Services and Public Protection": inside an organisation
        // name already joined by "of", "and" joins too (not before a place).
        if (n.text == "and" && j + 1 < sentence.token_end && IsNameToken(tokens[j + 1]) &&
            ContainsConnector(i, j) && SpanHasHead(i, j) && !LookupPlace(tokens[j + 1].text) &&
            !LookupDemonym(tokens[j + 1].text) && !IsDayOrMonth(tokens[j + 1].text)) {
          int k = j + 1;
          while (k < sentence.token_end && IsNameToken(tokens[k])) ++k;
          // Only when the joined words end the name (not "... of Cyprus and Greece").
          if (k - (j + 1) >= 1 && !IsGazetteer(Text(j + 1, k))) {
            j = k;
            continue;
          }
        }
        if (n.text == "&" && j + 1 < sentence.token_end && IsNameToken(tokens[j + 1])) {
          j += 2;
          continue;
        }
        break;
      }
      ProcessSpan(i, j, s);
      i = j - 1;
    }
  }

  static bool HasLowerSuffix(std::string_view text) {
    if (text.find('-') == std::string_view::npos) return false;
    std::vector<std::string_view> parts = SplitHyphens(text);
    return !StartsUpper(parts.back()) && parts.size() > 1;
  }

  // "UK-based", "Gaza-style", "Turkish-Libyan", "Israeli-Cypriot-Greek". Returns false for
  // a plain hyphenated name ("Jean-Noel"), which the span scanner handles.
  bool HandleHyphenated(int i, int s) {
    const Token& t = doc_.tokens[i];
    std::vector<std::string_view> parts = SplitHyphens(t.text);
    if (parts.size() < 2) return false;
    std::string lower = ToLower(t.text);
    if (lower.rfind("ex-", 0) == 0) return false;
    bool all_known = true;
    for (std::string_view p : parts) {
      if (!LookupDemonym(p) && !LookupPlace(p)) all_known = false;
    }
    if (all_known) {
      for (std::string_view p : parts) {
        size_t offset = static_cast<size_t>(p.data() - t.text.data());
        AddGazetteerMention(i, i + 1, s, t.begin + offset, t.begin + offset + p.size(), p, "");
      }
      return true;
    }
    if (!StartsUpper(parts.back())) {
      // The capitalised prefix is the name; the lower-case rest says how it relates.
      size_t cut = 0;
      std::string_view suffix;
      for (size_t k = 0; k < parts.size(); ++k) {
        if (!StartsUpper(parts[k])) {
          suffix = t.text.substr(cut);
          break;
        }
        cut += parts[k].size() + 1;
      }
      std::string_view prefix = t.text.substr(0, cut - 1);
      if (!AddGazetteerMention(i, i + 1, s, t.begin, t.begin + prefix.size(), prefix, suffix)) {
        if (!doc_.sentences[s].headline || body_names_.count(Fold(prefix))) {
          Mention m = MakeMention(i, i + 1, s, t.begin, t.begin + prefix.size(), std::string(prefix));
          m.suffix = std::string(suffix);
          TypeByForm(&m, i, i + 1);
          if (m.evidence != TypeEvidence::kUnknown || m.suffix == "based") {
            if (m.evidence == TypeEvidence::kUnknown) {
              m.type = EntityType::kPlace;
              m.evidence = TypeEvidence::kContext;
            }
            mentions_.push_back(std::move(m));
          }
        }
      }
      return true;
    }
    return false;
  }

  Mention MakeMention(int b, int e, int s, size_t begin, size_t end, std::string surface) {
    Mention m;
    m.token_begin = b;
    m.token_end = e;
    m.begin = begin;
    m.end = end;
    m.sentence = s;
    m.surface = std::move(surface);
    m.canonical = m.surface;
    return m;
  }

  // Adds a mention for a gazetteer place, demonym, organisation or party label.
  bool AddGazetteerMention(int b, int e, int s, size_t begin, size_t end, std::string_view text,
                           std::string_view suffix) {
    std::string surface(text);
    Mention m = MakeMention(b, e, s, begin, end, surface);
    m.suffix = std::string(suffix);
    m.evidence = TypeEvidence::kLexicon;
    if (auto place = LookupPlace(surface)) {
      m.type = EntityType::kPlace;
      m.canonical = std::string(place->name);
      m.country = place->kind == PlaceKind::kCountry || place->kind == PlaceKind::kState;
    } else if (auto demonym = LookupDemonym(surface)) {
      m.type = EntityType::kPlace;
      m.kind = MentionKind::kDemonym;
      m.canonical = std::string(demonym->name);
      m.country = demonym->kind == PlaceKind::kCountry;
    } else if (auto org = LookupOrganization(surface)) {
      m.type = EntityType::kOrganization;
      m.canonical = std::string(org->name);
      m.government = org->government;
    } else if (auto party = LookupPartyLabel(surface)) {
      m.type = EntityType::kOrganization;
      m.kind = MentionKind::kParty;
      m.canonical = std::string(*party);
    } else {
      return false;
    }
    mentions_.push_back(std::move(m));
    return true;
  }

  bool IsGazetteer(std::string_view text) const {
    std::string s(text);
    return LookupPlace(s) || LookupDemonym(s) || LookupOrganization(s) || LookupPartyLabel(s);
  }

  void ProcessSpan(int b, int e, int s) {
    const auto& tokens = doc_.tokens;
    // Drop capitalised openers that are ordinary words ("The", "However", "Reports").
    while (b < e) {
      std::string_view w = tokens[b].text;
      bool opener = AtClauseStart(b) || b == doc_.sentences[s].token_begin;
      // Mid-sentence, only articles and lone common words drop ("All Elite Wrestling" stays).
      if (w == "The" || w == "A" || w == "An" || IsDayOrMonth(w) || (opener && IsFunctionWord(w)) ||
          (IsCommonCapitalized(w) && (opener || e - b == 1)) ||
          (opener && !IsGazetteer(w) && AppearsLowercase(w) && !IsTitleToken(w) &&
           !IsHonorificToken(w))) {
        ++b;
        continue;
      }
      break;
    }
    // "Former CIA deputy director X": a lone title modifier is not part of the name.
    while (b + 1 < e && !IsTitleToken(tokens[b + 1].text)) {
      std::string lower = ToLower(tokens[b].text);
      if (lower != "former" && lower != "ex" && lower != "then" && lower != "current" &&
          lower != "acting" && lower != "interim" && lower != "late" && lower != "outgoing" &&
          lower != "incoming") {
        break;
      }
      ++b;
    }
    // "Secretary of State Mike Pompeo": the title's "of State" is not part of the name.
    while (b + 1 < e && b >= 2 && tokens[b - 1].text == "of" && IsTitleHeadToken(tokens[b - 2].text) &&
           IsTitleModifier(ToLower(tokens[b].text))) {
      ++b;
    }
    if (b >= e) return;
    // Split off honorifics and titles; what is left are name pieces.
    char gender = 0;
    bool titled = false;
    int k = b;
    // Party label before a name: "Republican Kevin McCarthy".
    if (e - b >= 3 && LookupPartyLabel(tokens[b].text)) {
      AddGazetteerMention(b, b + 1, s, tokens[b].begin, tokens[b].end, tokens[b].text, "");
      k = b + 1;
    }
    int piece_begin = k;
    while (k < e) {
      std::string_view w = tokens[k].text;
      if (IsHonorificToken(w) || (w == "." && k > b && IsHonorificToken(tokens[k - 1].text))) {
        EmitPiece(piece_begin, k, s, gender, titled);
        if (char g = GenderOf(w)) gender = g;
        titled = true;
        piece_begin = k + 1;
        ++k;
        continue;
      }
      // A title run splits the span only when a name follows it inside the span and that
      // name is not the rest of an organisation ("UN General Assembly").
      if (IsTitleToken(w) && !(piece_begin < k && ContainsConnector(piece_begin, k))) {
        int r = k;
        bool has_head = false;
        while (r < e && (IsTitleToken(tokens[r].text) || (tokens[r].text == "of" && r + 1 < e &&
                                                          IsTitleToken(tokens[r + 1].text)))) {
          if (IsTitleHeadToken(tokens[r].text)) has_head = true;
          ++r;
        }
        bool rest_is_org = r < e && (IsOrganizationHead(tokens[e - 1].text) || IsEventHead(tokens[e - 1].text) ||
                                     IsGazetteer(Text(k, e)));
        bool span_is_org = IsGazetteer(Text(piece_begin, e)) ||
                           (piece_begin < k && IsOrganizationHead(tokens[e - 1].text) && r >= e);
        if (has_head && !rest_is_org && !span_is_org) {
          EmitPiece(piece_begin, k, s, gender, titled);
          std::string lower_title = ToLower(Text(k, r));
          if (lower_title.find("spokeswoman") != std::string::npos ||
              lower_title.find("chairwoman") != std::string::npos) {
            gender = 'f';
          } else if (lower_title.find("spokesman") != std::string::npos ||
                     lower_title.find("chairman") != std::string::npos) {
            gender = 'm';
          }
          titled = true;
          piece_begin = r;
          k = r;
          continue;
        }
      }
      ++k;
    }
    EmitPiece(piece_begin, e, s, gender, titled);
  }

  bool ContainsConnector(int b, int e) const {
    for (int k = b; k < e; ++k) {
      if (doc_.tokens[k].text == "of" || doc_.tokens[k].text == "for") return true;
    }
    return false;
  }

  void EmitPiece(int b, int e, int s, char gender, bool titled) {
    const auto& tokens = doc_.tokens;
    while (b < e && (tokens[b].text == "The" || tokens[b].text == "." || tokens[b].text == "of")) ++b;
    while (e > b && (tokens[e - 1].text == "of" || tokens[e - 1].text == "the" ||
                     tokens[e - 1].text == "for")) {
      --e;
    }
    if (b >= e) return;
    // A lone letter ("C", "J") is an initial or a label, not a name.
    if (e - b == 1 && tokens[b].text.size() == 1) return;
    bool headline = doc_.sentences[s].headline;
    std::string text = Text(b, e);
    if (AddGazetteerMention(b, e, s, tokens[b].begin, tokens[e - 1].end, text, "")) {
      return;
    }
    // A known place or demonym at the front of a longer span: "Germany Richard Grenell",
    // "Turkish Cypriot". Not when the rest is an organisation of that place
    // ("Greek Energy Forum", "US Army") unless the rest is named alone elsewhere.
    if (e - b >= 2) {
      for (int cut = e - 1; cut > b; --cut) {
        std::string prefix = Text(b, cut);
        if (!IsGazetteer(prefix)) continue;
        std::string rest = Text(cut, e);
        bool rest_org = IsPlaceHead(tokens[e - 1].text) || IsEventHead(tokens[e - 1].text) ||
                        IsWorkHead(tokens[e - 1].text);
        for (int r = cut; r < e; ++r) rest_org = rest_org || IsOrganizationHead(tokens[r].text);
        bool rest_named_alone = span_names_.count(Fold(rest)) > 0 && e - cut >= 2;
        bool prefix_org = LookupOrganization(prefix).has_value();
        // "U.S. Congress" splits ("Congress" is named alone); "Libyan House of
        // Representatives" stays whole.
        bool rest_place = LookupPlace(rest) || LookupDemonym(rest) ||
                          (e - cut == 1 && LookupOrganization(rest));
        if (!rest_org || rest_named_alone || rest_place || prefix_org) {
          AddGazetteerMention(b, cut, s, tokens[b].begin, tokens[cut - 1].end, prefix, "");
          EmitPiece(cut, e, s, gender, titled);
          return;
        }
        break;
      }
    }
    if (headline) {
      // A headline name must be confirmed by the body: it is often in title case.
      std::string folded = Fold(text);
      bool confirmed = body_names_.count(folded) > 0;
      if (!confirmed) {
        for (const std::string& name : body_names_) {
          if (name.size() >= 4 && folded.size() > name.size() && folded.rfind(name, 0) == 0) {
            confirmed = true;
            break;
          }
        }
      }
      if (!confirmed) return;
    }
    Mention m = MakeMention(b, e, s, tokens[b].begin, tokens[e - 1].end, text);
    m.gender = gender;
    TypeByForm(&m, b, e);
    if (titled && (m.evidence == TypeEvidence::kUnknown || m.evidence == TypeEvidence::kGuess)) {
      m.type = EntityType::kPerson;
      m.evidence = TypeEvidence::kContext;
    }
    if (m.evidence == TypeEvidence::kUnknown || m.evidence == TypeEvidence::kGuess) {
      if (m.evidence == TypeEvidence::kGuess) {
        // "in Maidan Shahr": a guessed pair after "in" is a place, unless its words read
        // as ordinary nouns ("in Environmental Sciences").
        bool noun_like = false;
        for (int k = b; k < e; ++k) {
          std::string_view w = tokens[k].text;
          for (std::string_view suffix : {"tion", "ment", "ences", "ics", "ology", "ies", "ance", "ence", "ism", "ing"}) {
            if (w.size() > suffix.size() + 2 && w.substr(w.size() - suffix.size()) == suffix) noun_like = true;
          }
          if (AppearsLowercase(w)) noun_like = true;
        }
        if (b > doc_.sentences[s].token_begin && tokens[b - 1].text == "in" && !m.gender && !noun_like) {
          m.type = EntityType::kPlace;
          m.evidence = TypeEvidence::kContext;
        }
        goto place_nouns;
      }
      // "in Gdańsk", "at Zappeion": a lone unknown word after a place preposition.
      if (b > doc_.sentences[s].token_begin) {
        std::string_view prev = tokens[b - 1].text;
        if (prev == "in" || prev == "at" || prev == "from" || prev == "near" ||
            prev == "across" || prev == "outside") {
          m.type = EntityType::kPlace;
          m.evidence = TypeEvidence::kGuess;
        }
      }
    place_nouns:
      // "Maidan Wardak province", "the Aphrodite gas field": a lower-case place noun after it.
      for (int k = e; k < doc_.sentences[s].token_end && k < e + 3; ++k) {
        const Token& t = tokens[k];
        if (t.kind != TokenKind::kWord || t.capitalized) break;
        static const std::unordered_set<std::string_view> kPlaceNouns = {
            "province", "city", "district", "region", "county", "island", "field", "airport",
            "village", "town", "base", "river", "valley", "fields", "oblast", "governorate", "prefecture",
            "municipality", "neighbourhood", "neighborhood", "port", "harbour", "harbor"};
        if (kPlaceNouns.count(t.text)) {
          m.type = EntityType::kPlace;
          m.evidence = TypeEvidence::kContext;
          break;
        }
      }
      // "Gdańsk, Poland": a word before a known country.
      if (e + 1 < doc_.sentences[s].token_end && tokens[e].text == "," &&
          LookupPlace(tokens[e + 1].text) && LookupPlace(tokens[e + 1].text)->kind != PlaceKind::kCity) {
        m.type = EntityType::kPlace;
        m.evidence = TypeEvidence::kContext;
      }
    }
    span_names_.insert(Fold(text));
    mentions_.push_back(std::move(m));
  }

  // Types a name by its own words: head words, acronyms, directions, name shape.
  void TypeByForm(Mention* m, int b, int e) const {
    const auto& tokens = doc_.tokens;
    std::string_view last = tokens[e - 1].text;
    std::string_view first = tokens[b].text;
    if (b < e && m->surface.find('-') != std::string::npos && e - b == 1) {
      // The prefix of "Berlin-based" keeps only its own words.
      last = m->surface;
      first = m->surface;
    }
    int words = e - b;
    bool has_connector = ContainsConnector(b, e);
    bool org_head_any = false;
    for (int k = b; k < e; ++k) {
      if (IsOrganizationHead(tokens[k].text) && (k == e - 1 || has_connector)) org_head_any = true;
    }
    if (IsPlaceHead(last) && words >= 2) {
      m->type = EntityType::kPlace;
      m->evidence = TypeEvidence::kLexicon;
      return;
    }
    if (org_head_any && (words >= 2 || IsOrganizationHead(first))) {
      if (words == 1 && !tokens[b].all_caps) {
        return;  // "Police", "Army" alone: a common noun, not a name
      }
      m->type = EntityType::kOrganization;
      m->evidence = TypeEvidence::kLexicon;
      for (int k = b; k < e; ++k) {
        if (IsGovernmentWord(tokens[k].text)) m->government = true;
      }
      return;
    }
    if (IsEventHead(last) && words >= 2) {
      m->type = EntityType::kEvent;
      m->evidence = TypeEvidence::kLexicon;
      return;
    }
    if (IsWorkHead(last) && words >= 2) {
      m->type = EntityType::kWork;
      m->evidence = TypeEvidence::kLexicon;
      return;
    }
    if (words >= 2 && IsDirectional(first) && LookupPlace(Text(b + 1, e))) {
      m->type = EntityType::kPlace;
      m->evidence = TypeEvidence::kLexicon;
      return;
    }
    // "Portfolio.hu", "Politico.eu": a web address names an outlet.
    if (words == 1 && m->surface.find('.') != std::string::npos && m->surface.back() != '.') {
      std::string_view tld = std::string_view(m->surface).substr(m->surface.rfind('.') + 1);
      bool lower_tld = tld.size() >= 2 && tld.size() <= 4;
      for (char c : tld) lower_tld = lower_tld && c >= 'a' && c <= 'z';
      if (lower_tld) {
        m->type = EntityType::kOrganization;
        m->evidence = TypeEvidence::kLexicon;
        return;
      }
    }
    if (words == 1 && tokens[b].all_caps && !IsCommonAcronym(tokens[b].text)) {
      m->type = EntityType::kOrganization;
      m->evidence = TypeEvidence::kContext;
      return;
    }
    if (has_connector) {
      m->type = EntityType::kOrganization;
      m->evidence = TypeEvidence::kGuess;
      return;
    }
    if (words >= 2 && words <= 4) {
      for (int k = b; k < e; ++k) {
        if (IsWorkHead(tokens[k].text) || IsEventHead(tokens[k].text) || IsDirectional(tokens[k].text) ||
            tokens[k].kind == TokenKind::kNumber) {
          m->type = EntityType::kWork;
          m->evidence = TypeEvidence::kGuess;
          return;
        }
      }
      m->type = EntityType::kPerson;
      // A known given name makes a person; other pairs are settled by coref (a title, a
      // surname used alone, a pronoun) or default to an organisation.
      m->evidence = IsGivenName(first) || IsGivenName(first.substr(0, first.find('-')))
                        ? TypeEvidence::kContext
                        : TypeEvidence::kGuess;
      return;
    }
    m->evidence = TypeEvidence::kUnknown;
  }

  // Finds each Person mention's title: the title words right before it, and the
  // organisation, place or demonym before those ("White House press secretary X",
  // "US Ambassador to Germany X", "Tesco's CEO X").
  void AttachTitles(std::vector<Mention>* mentions) const {
    const auto& tokens = doc_.tokens;
    std::vector<int> mention_ending_at(tokens.size() + 1, -1);
    for (size_t m = 0; m < mentions->size(); ++m) {
      mention_ending_at[(*mentions)[m].token_end] = static_cast<int>(m);
    }
    for (size_t m = 0; m < mentions->size(); ++m) {
      Mention& mention = (*mentions)[m];
      if (mention.kind != MentionKind::kName) continue;
      int sentence_begin = doc_.sentences[mention.sentence].token_begin;
      int k = mention.token_begin - 1;
      // Honorifics and their dots.
      while (k >= sentence_begin && (IsHonorificToken(tokens[k].text) || tokens[k].text == ".")) {
        if (tokens[k].text == "." && !(k > sentence_begin && IsHonorificToken(tokens[k - 1].text))) break;
        --k;
      }
      int title_end = k + 1;
      bool has_head = false;
      while (k >= sentence_begin) {
        const Token& t = tokens[k];
        if (t.kind == TokenKind::kWord && IsTitleToken(t.text)) {
          if (IsTitleHeadToken(t.text)) has_head = true;
          --k;
          continue;
        }
        // "Ambassador to Germany", "Secretary of State": a place inside the title.
        if (mention_ending_at[k + 1] >= 0 && k + 1 <= title_end) {
          const Mention& inner = (*mentions)[mention_ending_at[k + 1]];
          int before = inner.token_begin - 1;
          if (inner.type == EntityType::kPlace && before - 1 >= sentence_begin &&
              (tokens[before].text == "to" || tokens[before].text == "of") &&
              IsTitleHeadToken(tokens[before - 1].text)) {
            k = before - 1;
            continue;
          }
        }
        // "trade and industry commissioner": coordinated modifiers.
        if (t.text == "and" && k - 1 >= sentence_begin && IsTitleToken(tokens[k - 1].text) &&
            k + 1 < title_end && !IsTitleHeadToken(tokens[k - 1].text)) {
          --k;
          continue;
        }
        if (t.text == "of" && k - 1 >= sentence_begin && IsTitleToken(tokens[k - 1].text) &&
            k + 1 < title_end) {
          --k;
          continue;
        }
        break;
      }
      int title_begin = k + 1;
      if (!has_head || title_begin >= title_end) continue;
      mention.title = ToLower(Text(title_begin, title_end));
      mention.title_begin = title_begin;
      if (mention.evidence != TypeEvidence::kLexicon &&
          (mention.type != EntityType::kPerson || mention.evidence != TypeEvidence::kContext)) {
        mention.type = EntityType::kPerson;
        mention.evidence = TypeEvidence::kContext;
      }
      // The owner: a mention ending right before the title, possibly with "'s".
      int owner_end = title_begin;
      if (owner_end - 1 >= sentence_begin && tokens[owner_end - 1].kind == TokenKind::kPossessive) {
        --owner_end;
      }
      if (owner_end >= 0 && mention_ending_at[owner_end] >= 0) {
        int owner = mention_ending_at[owner_end];
        EntityType ot = (*mentions)[owner].type;
        // A guessed "person" owning a title is an organisation ("Grateful Dead drummer X").
        if (owner != static_cast<int>(m) &&
            (ot == EntityType::kOrganization || ot == EntityType::kPlace ||
             ((*mentions)[owner].evidence == TypeEvidence::kGuess && mention.title_begin == owner_end))) {
          mention.title_owner = owner;
        }
      }
    }
  }

  const Document& doc_;
  std::vector<Mention> mentions_;
  std::unordered_set<std::string> lower_forms_;
  std::unordered_set<std::string> body_names_;
  std::unordered_set<std::string> span_names_;
};

}  // namespace

std::vector<Mention> FindMentions(const Document& doc) {
  MentionFinder finder(doc);
  return finder.Run();
}

}  // namespace kg::extract
