#include "extract/text.h"

#include <array>
#include <string>

#include "extract/utf8.h"

namespace kg::extract {

namespace {

bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }
bool IsHyphen(char32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

// Abbreviations after which a full stop does not end a sentence.
bool IsAbbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 44> kAbbrev = {
      "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen", "Col", "Capt", "Lt",
      "Sgt", "Rep", "Sen", "Gov", "Rev", "Hon", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
      "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "vs", "etc", "Inc", "Ltd", "Co",
      "Corp", "Mt", "Ft", "approx", "Fig", "al", "Messrs", "Adm"};
  for (std::string_view a : kAbbrev) {
    if (a == word) return true;
  }
  return false;
}

// Words that begin a new sentence even after an acronym's full stop ("... the U.S. The ...").
bool IsSentenceStarter(std::string_view word) {
  static constexpr std::array<std::string_view, 30> kStarters = {
      "The", "A", "An", "He", "She", "It", "They", "We", "I", "In", "On", "At", "This", "That",
      "These", "Those", "But", "And", "However", "His", "Her", "Their", "Its", "There", "As",
      "After", "According", "Meanwhile", "Also", "Some"};
  for (std::string_view s : kStarters) {
    if (s == word) return true;
  }
  return false;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5 + 1);
  size_t i = 0;
  const size_t n = text.size();
  bool newline = false;
  while (i < n) {
    int len = 0;
    char32_t cp = DecodeAt(text, i, &len);
    if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 || cp == 0x2009 ||
        cp == 0x202F || cp == 0xFEFF) {
      if (cp == '\n') newline = true;
      i += len;
      continue;
    }
    Token tok;
    tok.begin = i;
    tok.newline_before = newline;
    newline = false;
    if (IsWordChar(cp)) {
      tok.kind = IsDigit(cp) ? TokenKind::kNumber : TokenKind::kWord;
      size_t j = i + len;
      int letters = 1, uppers = IsUpper(cp) ? 1 : 0;
      bool single_letter_segments = true;  // U.S, E.U: letters separated by dots
      int segment_len = 1;
      while (j < n) {
        int l2 = 0;
        char32_t c2 = DecodeAt(text, j, &l2);
        if (IsWordChar(c2)) {
          if (IsLetter(c2)) ++letters;
          if (IsUpper(c2)) ++uppers;
          ++segment_len;
          if (segment_len > 1) single_letter_segments = false;
          j += l2;
          continue;
        }
        // Joiners stay inside a word only when a word character follows them.
        if (j + l2 < n) {
          int l3 = 0;
          char32_t c3 = DecodeAt(text, j + l2, &l3);
          bool next_word = IsWordChar(c3);
          if (next_word && (IsHyphen(c2) || (c2 == 0x2013 && tok.kind == TokenKind::kWord))) {
            j += l2;
            segment_len = 0;
            single_letter_segments = false;
            continue;
          }
          if (next_word && c2 == '.' ) {
            j += l2;
            segment_len = 0;
            continue;
          }
          if (next_word && (c2 == ',' || c2 == '/') && tok.kind == TokenKind::kNumber &&
              IsDigit(c3)) {
            j += l2;
            continue;
          }
          if (next_word && c2 == '/' && IsUpper(c3)) {  // "A/S"
            j += l2;
            continue;
          }
          if (next_word && IsApostrophe(c2)) {
            // "’s" is its own token (a possessive); "n't", "O'Brien" stay whole.
            bool possessive = (c3 == 's' || c3 == 'S');
            if (possessive && j + l2 + l3 < n) {
              int l4 = 0;
              char32_t c4 = DecodeAt(text, j + l2 + l3, &l4);
              if (IsWordChar(c4)) possessive = false;  // "’sake" is not a possessive
            }
            if (possessive) break;
            j += l2;
            continue;
          }
        }
        // The final dot of an acronym ("U.S.") belongs to it.
        if (c2 == '.' && single_letter_segments && letters >= 2 && j > i && text[j - 2] == '.') {
          j += 1;
        }
        break;
      }
      tok.end = j;
      tok.text = text.substr(i, j - i);
      tok.capitalized = IsUpper(cp);
      tok.all_caps = letters >= 2 && uppers == letters;
      tokens.push_back(tok);
      i = j;
      continue;
    }
    if (IsApostrophe(cp)) {
      // A possessive "’s" or a plural possessive "countries’ " after a word.
      bool after_word = !tokens.empty() && tokens.back().end == i &&
                        tokens.back().kind != TokenKind::kPunct;
      if (after_word && i + len < n && (text[i + len] == 's' || text[i + len] == 'S')) {
        size_t k = i + len + 1;
        bool word_follows = false;
        if (k < n) {
          int l4 = 0;
          word_follows = IsWordChar(DecodeAt(text, k, &l4));
        }
        if (!word_follows) {
          tok.end = k;
          tok.text = text.substr(i, k - i);
          tok.kind = TokenKind::kPossessive;
          tokens.push_back(tok);
          i = k;
          continue;
        }
      }
      if (after_word && cp == 0x2019) {
        tok.end = i + len;
        tok.text = text.substr(i, len);
        tok.kind = TokenKind::kPossessive;
        tokens.push_back(tok);
        i += len;
        continue;
      }
    }
    tok.end = i + len;
    tok.text = text.substr(i, len);
    if (cp == 0x201C || cp == 0x00AB || cp == 0x201E) {
      tok.kind = TokenKind::kOpenQuote;
    } else if (cp == 0x201D || cp == 0x00BB) {
      tok.kind = TokenKind::kCloseQuote;
    } else if (cp == '"') {
      // Straight quotes are resolved per paragraph in Segment (open/close alternate).
      tok.kind = TokenKind::kOpenQuote;
    } else {
      tok.kind = TokenKind::kPunct;
    }
    tokens.push_back(tok);
    i += len;
  }
  return tokens;
}

Document Segment(std::string_view text) {
  Document doc;
  doc.text = text;
  doc.tokens = Tokenize(text);
  std::vector<Token>& tokens = doc.tokens;
  const int n = static_cast<int>(tokens.size());
  if (n == 0) return doc;

  // Paragraphs (one a line) and quotation spans within each.
  int paragraph = 0;
  int open = -1;
  auto close_quote = [&](int close) {
    if (open < 0) return;
    int q = static_cast<int>(doc.quotes.size());
    doc.quotes.push_back(QuoteSpan{open, close});
    for (int k = open + 1; k < close && k < n; ++k) tokens[k].quote = q;
    open = -1;
  };
  for (int i = 0; i < n; ++i) {
    Token& tok = tokens[i];
    if (tok.newline_before && i > 0) {
      close_quote(i);
      ++paragraph;
    }
    tok.paragraph = paragraph;
    bool straight = tok.text == "\"";
    if (straight) tok.kind = open >= 0 ? TokenKind::kCloseQuote : TokenKind::kOpenQuote;
    if (tok.kind == TokenKind::kOpenQuote) {
      if (open >= 0) close_quote(i);  // a stray opener: end the running quote here
      open = i;
    } else if (tok.kind == TokenKind::kCloseQuote) {
      if (open >= 0) close_quote(i);
    }
  }
  close_quote(n);

  // Sentences.
  auto begin_sentence = [&](int first) {
    Sentence s;
    s.token_begin = first;
    s.begin = tokens[first].begin;
    s.paragraph = tokens[first].paragraph;
    doc.sentences.push_back(s);
  };
  auto end_sentence = [&](int last_exclusive) {
    Sentence& s = doc.sentences.back();
    s.token_end = last_exclusive;
    s.end = tokens[last_exclusive - 1].end;
  };
  begin_sentence(0);
  for (int i = 0; i < n; ++i) {
    tokens[i].sentence = static_cast<int>(doc.sentences.size()) - 1;
    int next = i + 1;
    if (next >= n) break;
    bool boundary = false;
    const Token& tok = tokens[i];
    if (tokens[next].newline_before) {
      boundary = true;
    } else if (next - doc.sentences.back().token_begin >= kMaxSentenceTokens) {
      boundary = true;
    } else {
      bool terminal = tok.kind == TokenKind::kPunct &&
                      (tok.text == "." || tok.text == "!" || tok.text == "?" ||
                       tok.text == "\xE2\x80\xA6");
      bool acronym_end = tok.kind == TokenKind::kWord && tok.text.size() >= 3 &&
                         tok.text.back() == '.';
      if (terminal || acronym_end) {
        // Closing quotes and brackets right after the stop belong to this sentence.
        int j = next;
        while (j < n && !tokens[j].newline_before &&
               (tokens[j].kind == TokenKind::kCloseQuote || tokens[j].text == ")")) {
          ++j;
        }
        if (j < n && !tokens[j].newline_before && j - i <= 3) {
          const Token& after = tokens[j];
          bool starts = after.capitalized || after.kind == TokenKind::kOpenQuote ||
                        after.kind == TokenKind::kNumber;
          if (terminal && starts && i > 0) {
            const Token& prev = tokens[i - 1];
            bool abbrev = prev.end == tok.begin && prev.kind == TokenKind::kWord &&
                          (IsAbbreviation(prev.text) ||
                           (prev.text.size() == 1 && prev.capitalized));
            // "Jan." before a number, "Mr." before a name: no break.
            boundary = !abbrev;
          } else if (acronym_end && starts) {
            boundary = IsSentenceStarter(after.text);
          }
          if (boundary) {
            for (int k = next; k < j; ++k) tokens[k].sentence = tokens[i].sentence;
            i = j - 1;
            end_sentence(j);
            begin_sentence(j);
            continue;
          }
        }
      }
    }
    if (boundary) {
      end_sentence(next);
      begin_sentence(next);
    }
  }
  end_sentence(n);
  // Sentence indices for tokens assigned after a multi-token jump.
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    for (int k = doc.sentences[s].token_begin; k < doc.sentences[s].token_end; ++k) {
      tokens[k].sentence = static_cast<int>(s);
    }
  }
  // The first line is a headline when the article has more lines.
  if (tokens.back().paragraph > 0) {
    for (Sentence& s : doc.sentences) {
      if (s.paragraph != 0) break;
      s.headline = true;
    }
  }
  return doc;
}

}  // namespace kg::extract
