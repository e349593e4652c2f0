//! `@pattern` values are ECMA-262 regular expressions (no flags, not
//! implicitly anchored). Servers check them with `regex-lite`, whose syntax
//! and semantics differ in places, so every pattern is translated here, at
//! generation time, into an equivalent `regex-lite` pattern. Anything that
//! cannot be translated faithfully is a generation error naming the shape.
//!
//! What changes:
//! - `.` becomes "anything but a line terminator" (`\n`, `\r`, U+2028,
//!   U+2029), as in ECMA; `regex-lite`'s `.` only excludes `\n`.
//! - `\d`, `\w` (and `\D`, `\W`) are ASCII, as in ECMA. `\s` and `\S` are
//!   ECMA's whitespace set, which includes U+00A0, U+FEFF and the Unicode
//!   space separators.
//! - Every literal that is not an ASCII letter, digit or a harmless
//!   punctuation character is written as `\x{…}`, so characters that are
//!   special only in Rust syntax (`[`, `&&`, `--`, `~~` inside classes, `#`,
//!   and so on) stay literal. Identity escapes (`\-`, `\:`, `\@`) become the
//!   character itself.
//! - `\uXXXX` escapes become code points; a surrogate pair written as two
//!   escapes becomes the one code point it encodes.
//! - `\u` followed by five or six hex digits whose value lies in
//!   U+10000..=U+10FFFF is read as that code point. ECMA (without the `u`
//!   flag) would read `\u10000` as U+1000 followed by `0`, which turns the
//!   common `\u10000-\u10FFFF` ("any supplementary character") into a range
//!   of BMP characters and rejects every emoji. The Chime model uses that
//!   form; we follow its evident intent and document the deviation.
//! - A `{` that does not start a valid quantifier is a literal, as in ECMA
//!   (Annex B).
//!
//! Not supported (generation error): lookaround, backreferences, named
//! backreferences, lone surrogates, `\p{…}`, and the empty class `[]`.

/// Translates one ECMA-262 pattern into `regex-lite` syntax.
pub fn to_rust(ecma: &str) -> Result<String, String> {
    let chars: Vec<char> = ecma.chars().collect();
    let mut p = Parser {
        chars: &chars,
        pos: 0,
    };
    let mut out = String::with_capacity(ecma.len() + 16);
    while let Some(c) = p.next() {
        match c {
            '\\' => match p.escape(false)? {
                Atom::Char(c) => push_char(&mut out, c),
                Atom::Set(set) => out.push_str(&set.outside()),
                Atom::Boundary(b) => out.push_str(b),
            },
            '[' => p.class(&mut out)?,
            '.' => out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
            '(' => {
                if p.eat_str("?:") {
                    out.push_str("(?:");
                } else if p.peek() == Some('?') {
                    if p.eat_str("?<") && !matches!(p.peek(), Some('=' | '!')) {
                        let name = p.until('>').ok_or("unterminated group name")?;
                        if name.is_empty()
                            || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        {
                            return Err(format!("unsupported group name `{name}`"));
                        }
                        out.push_str("(?P<");
                        out.push_str(&name);
                        out.push('>');
                    } else {
                        return Err("lookaround assertions are not supported".into());
                    }
                } else {
                    out.push('(');
                }
            }
            ')' | '|' | '^' | '$' | '*' | '+' | '?' => out.push(c),
            '{' => match p.quantifier_body() {
                Some(body) => {
                    out.push('{');
                    out.push_str(&body);
                }
                None => push_char(&mut out, '{'),
            },
            c => push_char(&mut out, c),
        }
    }
    Ok(out)
}

#[derive(Clone, Copy)]
enum Set {
    Digit(bool),
    Word(bool),
    Space(bool),
}

/// `\d`, `\w` and `\s` (ECMA `WhiteSpace` and `LineTerminator`) as ranges.
const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
const SPACE: &[(u32, u32)] = &[
    (0x9, 0xD),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];

impl Set {
    /// The set's ranges, complemented over all Unicode scalar values when negated.
    fn ranges(self) -> Vec<(u32, u32)> {
        let (set, negated) = match self {
            Set::Digit(n) => (DIGIT, n),
            Set::Word(n) => (WORD, n),
            Set::Space(n) => (SPACE, n),
        };
        if !negated {
            return set.to_vec();
        }
        let mut out = Vec::new();
        let mut next = 0u32;
        for &(a, b) in merge([set, &[(0xD800, 0xDFFF), (0x11_0000, 0x11_0000)]].concat()).iter() {
            if a > next {
                out.push((next, a - 1));
            }
            next = next.max(b + 1);
        }
        out
    }

    /// The set as a stand-alone class.
    fn outside(self) -> String {
        let mut out = String::from("[");
        push_ranges(&mut out, &self.ranges());
        out.push(']');
        out
    }
}

enum Atom {
    Char(char),
    Set(Set),
    Boundary(&'static str),
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn eat_str(&mut self, s: &str) -> bool {
        let n = s.chars().count();
        if self
            .chars
            .get(self.pos..self.pos + n)
            .is_some_and(|w| w.iter().copied().eq(s.chars()))
        {
            self.pos += n;
            true
        } else {
            false
        }
    }

    fn until(&mut self, end: char) -> Option<String> {
        let mut s = String::new();
        loop {
            match self.next()? {
                c if c == end => return Some(s),
                c => s.push(c),
            }
        }
    }

    /// After `{`: `n}`, `n,}` or `n,m}` (with `}` consumed) when it is a
    /// quantifier; otherwise nothing is consumed.
    fn quantifier_body(&mut self) -> Option<String> {
        let start = self.pos;
        let mut body = String::new();
        let mut digits = 0;
        while let Some(c) = self.peek().filter(char::is_ascii_digit) {
            body.push(c);
            digits += 1;
            self.pos += 1;
        }
        if digits > 0 {
            if self.peek() == Some(',') {
                body.push(',');
                self.pos += 1;
                while let Some(c) = self.peek().filter(char::is_ascii_digit) {
                    body.push(c);
                    self.pos += 1;
                }
            }
            if self.peek() == Some('}') {
                self.pos += 1;
                body.push('}');
                return Some(body);
            }
        }
        self.pos = start;
        None
    }

    fn hex(&mut self, n: usize) -> Option<u32> {
        let digits: String = self.chars.get(self.pos..self.pos + n)?.iter().collect();
        if digits.chars().all(|c| c.is_ascii_hexdigit()) {
            let v = u32::from_str_radix(&digits, 16).ok()?;
            self.pos += n;
            Some(v)
        } else {
            None
        }
    }

    /// After `\u`: a code point, joining surrogate pairs and reading the
    /// five- and six-digit supplementary form described in the module docs.
    fn unicode(&mut self) -> Result<Option<char>, String> {
        for n in [6, 5] {
            let start = self.pos;
            if let Some(v) = self.hex(n) {
                if (0x10000..=0x10FFFF).contains(&v) {
                    return Ok(char::from_u32(v));
                }
                self.pos = start;
            }
        }
        let Some(unit) = self.hex(4) else {
            return Ok(None);
        };
        if (0xD800..0xDC00).contains(&unit) {
            let start = self.pos;
            if self.eat_str("\\u") {
                if let Some(low) = self.hex(4).filter(|l| (0xDC00..0xE000).contains(l)) {
                    let v = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    return Ok(char::from_u32(v));
                }
            }
            self.pos = start;
        }
        match char::from_u32(unit) {
            Some(c) => Ok(Some(c)),
            None => Err(format!(
                "the lone surrogate \\u{unit:04X} cannot be matched in a Rust string"
            )),
        }
    }

    /// After `\`.
    fn escape(&mut self, in_class: bool) -> Result<Atom, String> {
        let c = self.next().ok_or("the pattern ends with a lone `\\`")?;
        Ok(match c {
            'd' => Atom::Set(Set::Digit(false)),
            'D' => Atom::Set(Set::Digit(true)),
            'w' => Atom::Set(Set::Word(false)),
            'W' => Atom::Set(Set::Word(true)),
            's' => Atom::Set(Set::Space(false)),
            'S' => Atom::Set(Set::Space(true)),
            'b' if in_class => Atom::Char('\u{8}'),
            'b' => Atom::Boundary(r"\b"),
            'B' if !in_class => Atom::Boundary(r"\B"),
            't' => Atom::Char('\t'),
            'n' => Atom::Char('\n'),
            'r' => Atom::Char('\r'),
            'v' => Atom::Char('\u{B}'),
            'f' => Atom::Char('\u{C}'),
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => Atom::Char('\0'),
            '0'..='9' => return Err("backreferences and octal escapes are not supported".into()),
            'k' if self.peek() == Some('<') => {
                return Err("named backreferences are not supported".into())
            }
            'p' | 'P' if self.peek() == Some('{') => {
                return Err("Unicode property escapes are not supported".into())
            }
            'c' => match self.peek().filter(char::is_ascii_alphabetic) {
                Some(letter) => {
                    self.pos += 1;
                    Atom::Char(char::from(letter as u8 % 32))
                }
                None => {
                    // Annex B: `\c` not followed by a letter is a literal `\`.
                    self.pos -= 1;
                    Atom::Char('\\')
                }
            },
            'x' => match self.hex(2).and_then(char::from_u32) {
                Some(c) => Atom::Char(c),
                None => Atom::Char('x'),
            },
            'u' => match self.unicode()? {
                Some(c) => Atom::Char(c),
                None => Atom::Char('u'),
            },
            other => Atom::Char(other),
        })
    }

    /// After `[`: the whole class, written to `out` as one flat class.
    ///
    /// `regex-lite` has no nested classes, so the items are gathered as code
    /// point ranges (negated escapes such as `\S` complemented) and written
    /// back merged.
    fn class(&mut self, out: &mut String) -> Result<(), String> {
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        let mut count = 0;
        loop {
            let c = self.next().ok_or("unterminated character class")?;
            if c == ']' {
                break;
            }
            let first = self.class_atom(c)?;
            count += 1;
            let range_end = if self.peek() == Some('-') && self.peek_at(1).is_some_and(|n| n != ']')
            {
                self.pos += 1;
                let c = self.next().ok_or("unterminated character class")?;
                Some(self.class_atom(c)?)
            } else {
                None
            };
            match (first, range_end) {
                (Atom::Char(a), Some(Atom::Char(b))) => {
                    if a > b {
                        return Err(format!("the class range {a:?}-{b:?} is out of order"));
                    }
                    ranges.push((u32::from(a), u32::from(b)));
                }
                // Annex B: a range with a class escape at either end is
                // the two items and a literal `-`.
                (a, Some(b)) => {
                    add_atom(&mut ranges, a);
                    ranges.push((0x2D, 0x2D));
                    add_atom(&mut ranges, b);
                }
                (a, None) => add_atom(&mut ranges, a),
            }
        }
        if count == 0 {
            return Err("the empty class `[]` is not supported".into());
        }
        out.push('[');
        if negated {
            out.push('^');
        }
        push_ranges(out, &merge(ranges));
        out.push(']');
        Ok(())
    }

    fn class_atom(&mut self, c: char) -> Result<Atom, String> {
        if c == '\\' {
            self.escape(true)
        } else {
            Ok(Atom::Char(c))
        }
    }
}

fn add_atom(ranges: &mut Vec<(u32, u32)>, atom: Atom) {
    match atom {
        Atom::Char(c) => ranges.push((u32::from(c), u32::from(c))),
        Atom::Set(set) => ranges.extend(set.ranges()),
        // Inside a class `\b` is a backspace and `\B` a `B`: `escape`
        // never returns a boundary there.
        Atom::Boundary(_) => {}
    }
}

fn merge(mut ranges: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    ranges.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match out.last_mut() {
            Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

fn push_ranges(out: &mut String, ranges: &[(u32, u32)]) {
    for &(a, b) in ranges {
        push_class_point(out, a);
        if b > a {
            out.push('-');
            push_class_point(out, b);
        }
    }
}

fn push_class_point(out: &mut String, point: u32) {
    match char::from_u32(point) {
        Some(c) => push_class_char(out, c),
        None => out.push_str(&format!("\\x{{{point:X}}}")),
    }
}

fn push_class_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || c == '_' {
        out.push(c);
    } else {
        push_hex(out, c);
    }
}

/// A literal outside a class.
fn push_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric()
        || matches!(
            c,
            '_' | ':' | '/' | '@' | ',' | '=' | '!' | '%' | '\'' | '"' | '<' | '>' | ';'
        )
    {
        out.push(c);
    } else {
        push_hex(out, c);
    }
}

fn push_hex(out: &mut String, c: char) {
    out.push_str(&format!("\\x{{{:X}}}", u32::from(c)));
}

#[cfg(test)]
mod tests {
    use super::to_rust;

    #[test]
    fn translates_chime_patterns() {
        assert_eq!(to_rust("^[a-m]+$").as_deref(), Ok("^[a-m]+$"));
        assert_eq!(to_rust(".*").as_deref(), Ok(r"[^\n\r\x{2028}\x{2029}]*"));
        assert_eq!(
            to_rust(r"^[\s\S]*$").as_deref(),
            Ok(r"^[\x{0}-\x{D7FF}\x{E000}-\x{10FFFF}]*$")
        );
        assert_eq!(
            to_rust(r"^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]*$").as_deref(),
            Ok(r"^[\x{9}-\x{A}\x{D}\x{20}-\x{7E}\x{85}\x{A0}-\x{D7FF}\x{E000}-\x{FFFD}\x{10000}-\x{10FFFF}]*$")
        );
        assert_eq!(
            to_rust(r"^[a-z0-9-\.]{1,63}:").as_deref(),
            Ok(r"^[\x{2D}-\x{2E}0-9a-z]{1,63}:")
        );
        assert_eq!(to_rust(r"[\-\_\:]").as_deref(), Ok(r"[\x{2D}\x{3A}_]"));
        assert_eq!(
            to_rust(r"\d{12}:(\$LATEST)?").as_deref(),
            Ok(r"[0-9]{12}:(\x{24}LATEST)?")
        );
        assert_eq!(to_rust(r"^([0-9]+)+$").as_deref(), Ok(r"^([0-9]+)+$"));
    }

    #[test]
    fn ecma_corner_cases() {
        assert_eq!(to_rust("a{").as_deref(), Ok(r"a\x{7B}"));
        assert_eq!(
            to_rust("a{2,}b{,3}").as_deref(),
            Ok(r"a{2,}b\x{7B},3\x{7D}")
        );
        assert_eq!(to_rust(r"\uD83D\uDC4D").as_deref(), Ok(r"\x{1F44D}"));
        assert_eq!(to_rust(r"[\d-z]").as_deref(), Ok(r"[\x{2D}0-9z]"));
        assert_eq!(to_rust(r"(?<year>\d)").as_deref(), Ok(r"(?P<year>[0-9])"));
        assert_eq!(to_rust(r"[&&~~]").as_deref(), Ok(r"[\x{26}\x{7E}]"));
        assert_eq!(to_rust(r"[[]").as_deref(), Ok(r"[\x{5B}]"));
        for bad in [
            r"(?=a)", r"(?!a)", r"(?<=a)", r"(a)\1", r"\uD800", "[]", "[a", r"\", r"\p{L}", "[z-a]",
        ] {
            assert!(to_rust(bad).is_err(), "{bad} accepted");
        }
    }
}
