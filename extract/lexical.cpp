#include "extract/lexical.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace kg::extract {

namespace {

const std::unordered_map<std::string, std::string>& Irregulars() {
  static const std::unordered_map<std::string, std::string> map = {
      {"met", "meet"},       {"said", "say"},        {"says", "say"},
      {"told", "tell"},      {"spoke", "speak"},     {"spoken", "speak"},
      {"wrote", "write"},    {"written", "write"},   {"took", "take"},
      {"taken", "take"},     {"went", "go"},         {"gone", "go"},
      {"came", "come"},      {"made", "make"},       {"held", "hold"},
      {"struck", "strike"},  {"led", "lead"},        {"thought", "think"},
      {"brought", "bring"},  {"sought", "seek"},     {"began", "begin"},
      {"begun", "begin"},    {"fought", "fight"},    {"won", "win"},
      {"put", "put"},        {"gave", "give"},       {"given", "give"},
      {"saw", "see"},        {"seen", "see"},        {"knew", "know"},
      {"known", "know"},     {"became", "become"},   {"left", "leave"},
      {"sent", "send"},      {"built", "build"},     {"withdrew", "withdraw"},
      {"withdrawn", "withdraw"}, {"drew", "draw"},   {"drawn", "draw"},
      {"is", "be"},          {"are", "be"},          {"was", "be"},
      {"were", "be"},        {"been", "be"},         {"being", "be"},
      {"am", "be"},          {"has", "have"},        {"had", "have"},
      {"having", "have"},    {"does", "do"},         {"did", "do"},
      {"done", "do"},        {"sold", "sell"},       {"bought", "buy"},
      {"paid", "pay"},       {"stood", "stand"},     {"heard", "hear"},
      {"felt", "feel"},      {"kept", "keep"},       {"ran", "run"},
      {"rang", "ring"},      {"shot", "shoot"},      {"hit", "hit"},
      {"slain", "slay"},     {"stabbed", "stab"},    {"travelled", "travel"},
      {"traveled", "travel"}, {"travelling", "travel"}, {"traveling", "travel"},
      {"criticised", "criticise"}, {"criticized", "criticize"},
      {"hosted", "host"},    {"visited", "visit"},   {"meeting", "meet"},
      {"lies", "lie"},       {"dies", "die"},        {"died", "die"},
      {"denies", "deny"},    {"denied", "deny"},     {"tried", "try"},
      {"tries", "try"},      {"allies", "ally"},     {"bombed", "bomb"},
      {"planned", "plan"},   {"planning", "plan"},   {"shelled", "shell"},
      {"shelling", "shell"}, {"committed", "commit"}, {"admitted", "admit"},
      {"urged", "urge"},     {"urging", "urge"},     {"stated", "state"},
      {"noted", "note"},     {"voted", "vote"},      {"invaded", "invade"},
      {"backed", "back"},    {"rejected", "reject"}, {"proposed", "propose"},
      {"opposed", "oppose"}, {"condemned", "condemn"}, {"denounced", "denounce"},
      {"accused", "accuse"}, {"blamed", "blame"},    {"praised", "praise"},
      {"welcomed", "welcome"}, {"hailed", "hail"},   {"endorsed", "endorse"},
      {"supported", "support"}, {"attacked", "attack"}, {"arrived", "arrive"},
      {"phoned", "phone"},   {"talked", "talk"},     {"added", "add"},
      {"refused", "refuse"}, {"explained", "explain"}, {"claimed", "claim"},
      {"funded", "fund"},    {"congratulated", "congratulate"}, {"approved", "approve"},
      {"unveiled", "unveil"}, {"drafted", "draft"},  {"authored", "author"},
      {"introduced", "introduce"}, {"announced", "announce"}, {"reported", "report"},
      {"confirmed", "confirm"}, {"warned", "warn"},  {"argued", "argue"},
      {"insisted", "insist"}, {"stressed", "stress"}, {"underlined", "underline"},
      {"alleged", "allege"}, {"tweeted", "tweet"},   {"remarked", "remark"},
      {"revealed", "reveal"}, {"concluded", "conclude"}, {"joined", "join"},
      {"threatened", "threaten"}, {"negotiated", "negotiate"}, {"prepared", "prepare"},
      {"worked", "work"},    {"seconded", "second"}, {"killed", "kill"},
      {"murdered", "murder"}, {"assassinated", "assassinate"}, {"emphasised", "emphasise"},
      {"emphasized", "emphasize"}, {"cautioned", "caution"}, {"mentioned", "mention"},
      {"described", "describe"}, {"called", "call"}, {"asked", "ask"},
      {"believed", "believe"}, {"expressed", "express"}, {"signed", "sign"},
      {"pushed", "push"},    {"declared", "declare"}, {"labelled", "label"},
      {"labeled", "label"},  {"credited", "credit"}, {"encouraged", "encourage"},
      {"repeated", "repeat"}, {"observed", "observe"}, {"replied", "reply"},
      {"responded", "respond"}, {"acknowledged", "acknowledge"}, {"admitted", "admit"},
      {"agreed", "agree"},   {"gathered", "gather"}, {"visits", "visit"},
  };
  return map;
}

const std::unordered_map<std::string, WordClass>& Classes() {
  static const std::unordered_map<std::string, WordClass> map = [] {
    std::unordered_map<std::string, WordClass> m;
    auto add = [&m](std::string_view words, WordClass c) {
      size_t start = 0;
      while (start < words.size()) {
        size_t end = words.find(' ', start);
        if (end == std::string_view::npos) end = words.size();
        if (end > start) m.emplace(std::string(words.substr(start, end - start)), c);
        start = end + 1;
      }
    };
    add("the a an this that these those his her its their our my your some any each every "
        "no another such both either neither all",
        WordClass::kDeterminer);
    add("of in on at for by with from to into onto about over under after before during "
        "since until through across toward towards around along behind below above beyond "
        "near despite against between among within without via upon amid per like than",
        WordClass::kPreposition);
    add("he she it they we i you him them us me himself herself itself themselves who "
        "whom which",
        WordClass::kPronoun);
    add("is are was were be been being am has have had having do does did will would "
        "shall should can could may might must",
        WordClass::kAuxiliary);
    add("and or but nor", WordClass::kConjunction);
    add("also previously reportedly recently later earlier then now already still again "
        "further subsequently initially eventually openly publicly formally officially "
        "strongly firmly repeatedly once long never not quietly partially jointly "
        "allegedly apparently reportedly today yesterday just",
        WordClass::kAdverb);
    return m;
  }();
  return map;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Verbs whose stem ends in a silent e once -ed or -ing is removed ("opposed" -> "oppose").
const std::unordered_set<std::string>& EStems() {
  static const std::unordered_set<std::string> set = {
      "oppos", "propos", "accus", "welcom", "prais", "criticis", "criticiz", "denounc",
      "refus", "endors", "announc", "introduc", "argu", "invad", "negotiat", "prepar",
      "approv", "congratulat", "continu", "declar", "describ", "encourag", "caus", "believ",
      "releas", "receiv", "captur", "promis", "emphasis", "emphasiz", "urg", "stat", "not",
      "vot", "sav", "continu", "arriv", "us", "rais", "reduc", "produc", "celebrat", "hous",
      "acknowledg", "assassinat", "chang", "charg", "pledg", "hop", "lik", "mov", "rul",
      "decid", "provid", "reconcil", "revok", "voic", "advis", "guarante", "cooperat",
      "condon", "phon", "host", "clos", "writ", "invit", "ascrib", "attribut", "perpetrat",
      "contribut", "execut", "prosecut", "investigat", "violat", "mediat", "facilitat",
      "nominat", "initiat", "retaliat", "deplor", "censur", "repudiat", "advocat", "escalat", "evacuat", "liberat", "rebuk", "sabotag",
      "damag", "engag", "manag", "arrang", "challeng", "abus", "disput", "separat", "dictat",
      "coordinat", "participat", "dominat", "terminat", "eliminat", "regulat", "manipulat",
      "resum", "assum", "retir", "serv", "tak", "giv", "mak"};
  return set;
}

// Stems whose doubled "l" or "t" is the inflection's ("expelled" -> "expel"), and base forms
// ending in a doubled consonant that the doubling rule would cut ("boycotted" -> "boycott").
const std::unordered_map<std::string, std::string>& DoubledStems() {
  static const std::unordered_map<std::string, std::string> map = {
      {"expell", "expel"}, {"compell", "compel"}, {"propell", "propel"}, {"cancell", "cancel"},
      {"travell", "travel"}, {"labell", "label"}, {"controll", "control"}, {"patroll", "patrol"},
      {"signall", "signal"}, {"modell", "model"}, {"channell", "channel"}, {"fuell", "fuel"},
      {"boycott", "boycott"}};
  return map;
}

}  // namespace

std::string ToLower(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Lemma(std::string_view word) {
  std::string w = ToLower(word);
  auto it = Irregulars().find(w);
  if (it != Irregulars().end()) return it->second;
  if (w.size() <= 3) return w;
  auto restore_e = [](std::string stem) {
    if (EStems().count(stem)) return stem + "e";
    auto doubled = DoubledStems().find(stem);
    if (doubled != DoubledStems().end()) return doubled->second;
    // Doubled final consonant: "stabbing" -> "stab".
    size_t n = stem.size();
    if (n >= 3 && stem[n - 1] == stem[n - 2] && !IsVowel(stem[n - 1]) && stem[n - 1] != 's' &&
        stem[n - 1] != 'l' && stem[n - 1] != 'f' && stem[n - 1] != 'z') {
      stem.pop_back();
    }
    return stem;
  };
  if (EndsWith(w, "ing") && w.size() > 5) return restore_e(w.substr(0, w.size() - 3));
  if (EndsWith(w, "ied")) return w.substr(0, w.size() - 3) + "y";
  if (EndsWith(w, "ed") && w.size() > 4) return restore_e(w.substr(0, w.size() - 2));
  if (EndsWith(w, "ies")) return w.substr(0, w.size() - 3) + "y";
  if (EndsWith(w, "sses") || EndsWith(w, "shes") || EndsWith(w, "ches") || EndsWith(w, "xes") ||
      EndsWith(w, "zes")) {
    std::string stem = w.substr(0, w.size() - 2);
    // "criticizes", "opposes" keep their e; "pushes", "reaches" lose "es".
    if (EndsWith(w, "izes") || EndsWith(w, "ises")) return w.substr(0, w.size() - 1);
    return stem;
  }
  if (EndsWith(w, "s") && !EndsWith(w, "ss") && !EndsWith(w, "us") && !EndsWith(w, "is")) {
    return w.substr(0, w.size() - 1);
  }
  return w;
}

WordClass ClassifyWord(std::string_view lower_word) {
  auto it = Classes().find(std::string(lower_word));
  return it == Classes().end() ? WordClass::kOther : it->second;
}

}  // namespace kg::extract
