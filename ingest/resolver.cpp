#include "ingest/resolver.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace kg::ingest {

namespace {

// Two-byte UTF-8 Latin letters (U+00C0..U+017F) folded to ASCII; "" keeps the bytes.
std::string_view FoldLatin(unsigned code_point) {
  static const std::array<const char*, 64> kLatin1 = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
  if (code_point >= 0xC0 && code_point <= 0xFF) return kLatin1[code_point - 0xC0];
  if (code_point >= 0x100 && code_point <= 0x17F) {
    // Latin Extended-A: pairs of upper/lower case of one base letter, in alphabet order.
    static const char kBase[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooo"
        "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    size_t offset = code_point - 0x100;
    if (offset < sizeof kBase - 1) return std::string_view(kBase + offset, 1);
  }
  return "";
}

const std::set<std::string, std::less<>>& Honorifics() {
  static const std::set<std::string, std::less<>> kHonorifics = {
      "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "president",
      "prime", "minister", "chancellor", "senator", "sen", "rep", "gov", "governor", "mayor",
      "general", "gen", "col", "king", "queen", "prince", "princess", "pope", "secretary",
      "judge", "justice", "speaker", "ambassador", "envoy", "commissioner", "rev", "st"};
  return kHonorifics;
}

std::vector<std::string_view> Tokens(std::string_view normalized) {
  std::vector<std::string_view> tokens;
  size_t start = 0;
  while (start < normalized.size()) {
    size_t end = normalized.find(' ', start);
    if (end == std::string_view::npos) end = normalized.size();
    if (end > start) tokens.push_back(normalized.substr(start, end - start));
    start = end + 1;
  }
  return tokens;
}

bool SurnamesMatch(std::string_view a, std::string_view b) {
  if (a == b) return true;
  return std::min(a.size(), b.size()) >= 5 && WithinOneEdit(a, b);
}

// First names must agree exactly or as an initial: one edit apart is another person as often
// as not (John/Joan, Mark/Mary), unlike transliterated surnames.
bool FirstNamesMatch(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.size() == 1 || b.size() == 1) return a[0] == b[0];
  return false;
}

char TypeLetter(EntityType type) { return static_cast<char>('0' + static_cast<int>(type)); }

// Aliases that may identify an entity: for people every alias; for other types only proper
// forms (capitalized or digits), so that "plan" or "the ministry" never joins two things.
bool IsProperForm(std::string_view alias) {
  for (char c : alias) {
    if (std::isalpha(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c))) {
      return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
    }
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

std::vector<std::string> DeletionVariants(std::string_view word) {
  std::vector<std::string> variants = {std::string(word)};
  for (size_t i = 0; i < word.size(); ++i) {
    std::string v(word.substr(0, i));
    v.append(word.substr(i + 1));
    variants.push_back(std::move(v));
  }
  return variants;
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      if (c == '-' || c == '_' || std::isspace(c)) {
        out.push_back(' ');
      } else if (c == '.') {
        // "U.S." reads as "US"; a dot between words ("St.Petersburg") as a space.
      } else {
        out.push_back(static_cast<char>(std::tolower(c)));
      }
      continue;
    }
    if ((c & 0xE0) == 0xC0 && i + 1 < name.size()) {
      unsigned cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(name[i + 1]) & 0x3F);
      std::string_view folded = FoldLatin(cp);
      if (!folded.empty()) {
        out.append(folded);
        ++i;
        continue;
      }
    }
    if (c == 0xE2 && i + 2 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0x80) {
      unsigned char third = static_cast<unsigned char>(name[i + 2]);
      if (third >= 0x90 && third <= 0x95) {  // the Unicode dashes
        out.push_back(' ');
        i += 2;
        continue;
      }
      if (third == 0x98 || third == 0x99) {  // curly apostrophes
        out.push_back('\'');
        i += 2;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
  }
  // Collapse spaces.
  std::string collapsed;
  for (char c : out) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed.push_back(c);
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  if (collapsed.size() > 2 && (collapsed.ends_with("'s"))) collapsed.resize(collapsed.size() - 2);
  else if (collapsed.size() > 1 && collapsed.back() == '\'') collapsed.pop_back();
  if (collapsed.starts_with("the ") && collapsed.size() > 4) collapsed.erase(0, 4);
  return collapsed;
}

std::string NormalizePersonName(std::string_view name) {
  std::string normalized = NormalizeName(name);
  std::vector<std::string_view> tokens = Tokens(normalized);
  size_t first = 0;
  while (first + 1 < tokens.size() && Honorifics().count(tokens[first]) > 0) ++first;
  std::string out;
  for (size_t i = first; i < tokens.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out.append(tokens[i]);
  }
  return out;
}

bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) return a.substr(i + (i < a.size())) == b.substr(i + (i < b.size()));
  return a.substr(i) == b.substr(i + 1);
}

bool PersonNamesCompatible(std::string_view a, std::string_view b) {
  std::string na = NormalizePersonName(a), nb = NormalizePersonName(b);
  if (na.empty() || nb.empty()) return false;
  if (na == nb) return true;
  std::vector<std::string_view> ta = Tokens(na), tb = Tokens(nb);
  if (!SurnamesMatch(ta.back(), tb.back())) return false;
  if (ta.size() == 1 || tb.size() == 1) return true;
  return FirstNamesMatch(ta.front(), tb.front());
}

std::vector<std::string> Resolver::Forms(const KnownEntity& entity) const {
  std::set<std::string> forms;
  bool person = entity.type == EntityType::kPerson;
  auto add = [&](const std::string& form) {
    std::string normalized = person ? NormalizePersonName(form) : NormalizeName(form);
    if (!normalized.empty()) forms.insert(std::move(normalized));
  };
  add(entity.name);
  for (const std::string& alias : entity.aliases) {
    if (person || IsProperForm(alias)) add(alias);
  }
  return {forms.begin(), forms.end()};
}

void Resolver::Index(size_t index) {
  const KnownEntity& entity = entities_[index];
  auto add_unique = [index](std::vector<size_t>* list) {
    if (std::find(list->begin(), list->end(), index) == list->end()) list->push_back(index);
  };
  for (const std::string& form : Forms(entity)) {
    add_unique(&by_form_[TypeLetter(entity.type) + form]);
    if (entity.type == EntityType::kPerson) {
      std::vector<std::string_view> tokens = Tokens(form);
      for (const std::string& variant : DeletionVariants(tokens.back())) {
        add_unique(&by_surname_variant_[variant]);
      }
    }
  }
}

size_t Resolver::Add(KnownEntity entity) {
  entities_.push_back(std::move(entity));
  Index(entities_.size() - 1);
  return entities_.size() - 1;
}

void Resolver::Update(size_t index, KnownEntity entity) {
  // Old index entries stay: they point at the same node, and every candidate is checked
  // against the current record anyway.
  entities_[index] = std::move(entity);
  Index(index);
}

std::optional<size_t> Resolver::Resolve(const ExtractedEntity& entity) const {
  KnownEntity probe;
  probe.type = entity.type;
  probe.name = entity.name;
  probe.aliases = entity.aliases;
  bool person = entity.type == EntityType::kPerson;
  std::vector<std::string> forms = Forms(probe);
  std::string name = person ? NormalizePersonName(entity.name) : NormalizeName(entity.name);
  if (name.empty()) return std::nullopt;

  std::set<size_t> candidates;
  for (const std::string& form : forms) {
    auto it = by_form_.find(TypeLetter(entity.type) + form);
    if (it != by_form_.end()) candidates.insert(it->second.begin(), it->second.end());
  }
  if (person) {
    for (const std::string& variant : DeletionVariants(Tokens(name).back())) {
      auto it = by_surname_variant_.find(variant);
      if (it != by_surname_variant_.end()) candidates.insert(it->second.begin(), it->second.end());
    }
  }

  std::vector<size_t> compatible;
  for (size_t index : candidates) {
    const KnownEntity& known = entities_[index];
    if (known.type != entity.type) continue;
    std::vector<std::string> known_forms = Forms(known);
    std::string known_name = person ? NormalizePersonName(known.name) : NormalizeName(known.name);
    if (known_name == name) return index;  // the same canonical name wins outright
    bool name_is_known_form =
        std::find(known_forms.begin(), known_forms.end(), name) != known_forms.end();
    bool known_is_our_form = std::find(forms.begin(), forms.end(), known_name) != forms.end();
    if (person) {
      // An alias match counts only where the full names agree: two people who share a
      // surname ("Joe Biden", "Hunter Biden") each have the alias "Biden" and stay apart.
      if (PersonNamesCompatible(entity.name, known.name)) compatible.push_back(index);
    } else if (name_is_known_form || known_is_our_form) {
      compatible.push_back(index);
    }
  }
  if (compatible.empty()) return std::nullopt;
  if (compatible.size() == 1) return compatible.front();
  // Several fit: a lone surname is ambiguous; a fuller name takes the most mentioned.
  if (person && Tokens(name).size() == 1) {
    std::set<std::string> distinct;
    for (size_t index : compatible) distinct.insert(NormalizePersonName(entities_[index].name));
    if (distinct.size() > 1) return std::nullopt;
  }
  return *std::max_element(compatible.begin(), compatible.end(), [&](size_t a, size_t b) {
    return entities_[a].mentions < entities_[b].mentions;
  });
}

std::optional<NodeId> Resolver::FindQuote(std::string_view text) const {
  auto it = quotes_.find(std::string(text));
  if (it == quotes_.end()) return std::nullopt;
  return it->second;
}

void Resolver::AddQuote(std::string_view text, NodeId id) { quotes_[std::string(text)] = id; }

Status Resolver::Load(const storage::GraphReader& reader) {
  for (EntityType type : {EntityType::kPerson, EntityType::kOrganization, EntityType::kPlace,
                          EntityType::kWork, EntityType::kEvent}) {
    std::vector<NodeId> ids;
    KG_RETURN_IF_ERROR(reader.ScanNodesWithLabel(EntityTypeName(type), [&](NodeId id) {
      ids.push_back(id);
      return true;
    }));
    for (NodeId id : ids) {
      Result<Node> node = reader.GetNode(id);
      if (!node.ok()) return node.status();
      KnownEntity entity;
      entity.id = id;
      entity.type = type;
      auto get = [&](const char* key) -> const Value* {
        auto it = node->properties.find(key);
        return it == node->properties.end() ? nullptr : &it->second;
      };
      const Value* name = get("name");
      if (name == nullptr || !name->is_string()) continue;
      entity.name = name->as_string();
      for (const char* key : {"aliases", "titles"}) {
        const Value* list = get(key);
        if (list == nullptr || !list->is_list()) continue;
        for (const Value& v : list->as_list()) {
          if (!v.is_string()) continue;
          (key[0] == 'a' ? entity.aliases : entity.titles).push_back(v.as_string());
        }
      }
      if (const Value* mentions = get("mentions"); mentions != nullptr && mentions->is_int()) {
        entity.mentions = mentions->as_int();
      }
      Add(std::move(entity));
    }
  }
  std::vector<NodeId> quotes;
  KG_RETURN_IF_ERROR(reader.ScanNodesWithLabel("Quote", [&](NodeId id) {
    quotes.push_back(id);
    return true;
  }));
  for (NodeId id : quotes) {
    Result<Node> node = reader.GetNode(id);
    if (!node.ok()) return node.status();
    auto it = node->properties.find("text");
    if (it != node->properties.end() && it->second.is_string()) AddQuote(it->second.as_string(), id);
  }
  return Status::OK();
}

}  // namespace kg::ingest
