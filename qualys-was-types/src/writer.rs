//! [`XmlWriter`]: builds an XML document in a `String`, compact or pretty.
//!
//! Pretty output indents element-only content by two spaces per level and keeps
//! text-only elements on one line. Everything written is escaped so that the output
//! is always well-formed and reads back to the same values:
//!
//! * text: `&`, `<`, `>` become references, and `\r` becomes `&#13;` (a literal one
//!   would be turned into `\n` by any XML parser);
//! * attribute values: additionally `"`, tab, line feed and carriage return become
//!   references (literal ones would be normalised to spaces);
//! * CDATA sections are split around `]]>` and around `\r`;
//! * characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF) are
//!   replaced by U+FFFD.

/// What an open element holds so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    Nothing,
    Elements,
    Text,
}

/// Builds an XML document in a `String`. See the [module documentation](self).
#[derive(Debug, Clone)]
pub struct XmlWriter {
    out: String,
    pretty: bool,
    /// A start tag is open (`<name` written, `>` not yet).
    open_tag: bool,
    stack: Vec<Content>,
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text` escaped for character data (or, with `attribute`, for a
/// double-quoted attribute value).
fn escape_into(out: &mut String, text: &str, attribute: bool) {
    let needs = |c: char| match c {
        '&' | '<' | '>' | '\r' => true,
        '"' | '\t' | '\n' => attribute,
        c => !is_xml_char(c),
    };
    let mut rest = text;
    while let Some(i) = rest.find(needs) {
        out.push_str(rest.get(..i).unwrap_or(""));
        let mut chars = rest.get(i..).unwrap_or("").chars();
        let Some(c) = chars.next() else { break };
        out.push_str(match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\r' => "&#13;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            _ => "\u{FFFD}",
        });
        rest = chars.as_str();
    }
    out.push_str(rest);
}

/// Appends `text` as one or more CDATA sections.
fn cdata_into(out: &mut String, text: &str) {
    out.push_str("<![CDATA[");
    let mut rest = text;
    loop {
        let next = rest.find(|c: char| c == '\r' || c == ']' || !is_xml_char(c));
        let Some(i) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        if let Some(after) = tail.strip_prefix("]]>") {
            // End the section between `]]` and `>`.
            out.push_str("]]]]><![CDATA[>");
            rest = after;
        } else if let Some(after) = tail.strip_prefix(']') {
            out.push(']');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('\r') {
            out.push_str("]]>&#13;<![CDATA[");
            rest = after;
        } else {
            let mut chars = tail.chars();
            chars.next();
            out.push('\u{FFFD}');
            rest = chars.as_str();
        }
    }
    out.push_str("]]>");
}

impl XmlWriter {
    /// A new writer; `pretty` indents element-only content.
    pub fn new(pretty: bool) -> Self {
        XmlWriter {
            out: String::with_capacity(4096),
            pretty,
            open_tag: false,
            stack: Vec::with_capacity(16),
        }
    }

    /// Writes `<?xml version="1.0" encoding="UTF-8"?>`.
    pub fn declaration(&mut self) {
        self.out
            .push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    }

    fn close_open_tag(&mut self) {
        if self.open_tag {
            self.out.push('>');
            self.open_tag = false;
        }
    }

    fn newline_indent(&mut self, depth: usize) {
        self.out.push('\n');
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    /// Opens `<name`; attributes may follow.
    pub fn start(&mut self, name: &str) {
        self.close_open_tag();
        let parent_text = match self.stack.last_mut() {
            Some(parent) => {
                let had_text = *parent == Content::Text;
                if !had_text {
                    *parent = Content::Elements;
                }
                had_text
            }
            None => false,
        };
        if self.pretty && !self.out.is_empty() && !parent_text {
            self.newline_indent(self.stack.len());
        }
        self.out.push('<');
        self.out.push_str(name);
        self.stack.push(Content::Nothing);
        self.open_tag = true;
    }

    /// Writes ` name="value"` (escaped) into the open start tag; ignored when no
    /// start tag is open.
    pub fn attribute(&mut self, name: &str, value: &str) {
        if !self.open_tag {
            return;
        }
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value, true);
        self.out.push('"');
    }

    /// Writes text content of the current element (simple content after its
    /// attributes); as a CDATA section when `cdata`.
    pub fn text_content(&mut self, text: &str, cdata: bool) {
        if text.is_empty() && !cdata {
            return;
        }
        self.close_open_tag();
        if let Some(top) = self.stack.last_mut() {
            *top = Content::Text;
        }
        if cdata {
            cdata_into(&mut self.out, text);
        } else {
            escape_into(&mut self.out, text, false);
        }
    }

    /// Writes a complete `<name>text</name>` (`<name/>` for empty text).
    pub fn text_element(&mut self, name: &str, text: &str, cdata: bool) {
        self.start(name);
        self.text_content(text, cdata);
        self.end(name);
    }

    /// Closes the current element: `/>` when nothing was written inside, else
    /// `</name>` (on its own line after element content, in pretty mode). Ignored
    /// when no element is open.
    pub fn end(&mut self, name: &str) {
        let Some(content) = self.stack.pop() else {
            return;
        };
        if self.open_tag {
            self.out.push_str("/>");
            self.open_tag = false;
            return;
        }
        if self.pretty && content == Content::Elements {
            self.newline_indent(self.stack.len());
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// The document written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The finished document (a still open start tag is closed first).
    pub fn into_string(mut self) -> String {
        self.close_open_tag();
        self.out
    }
}

impl Default for XmlWriter {
    fn default() -> Self {
        XmlWriter::new(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::{ReadOptions, XmlReader};

    fn sample(pretty: bool) -> String {
        let mut w = XmlWriter::new(pretty);
        w.declaration();
        w.start("ServiceRequest");
        w.start("data");
        w.start("Report");
        w.attribute("id", "1\"2");
        w.text_element("name", "a < b & c > d", false);
        w.text_element("desc", "x ]]> y", true);
        w.text_element("empty", "", false);
        w.start("flag");
        w.end("flag");
        w.start("sc");
        w.attribute("unit", "s");
        w.text_content("42", false);
        w.end("sc");
        w.end("Report");
        w.end("data");
        w.end("ServiceRequest");
        w.into_string()
    }

    #[test]
    fn compact_output() {
        assert_eq!(
            sample(false),
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?>"#,
                r#"<ServiceRequest><data><Report id="1&quot;2">"#,
                "<name>a &lt; b &amp; c &gt; d</name>",
                "<desc><![CDATA[x ]]]]><![CDATA[> y]]></desc>",
                "<empty/><flag/>",
                r#"<sc unit="s">42</sc>"#,
                "</Report></data></ServiceRequest>"
            )
        );
    }

    #[test]
    fn pretty_output() {
        let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<ServiceRequest>
  <data>
    <Report id="1&quot;2">
      <name>a &lt; b &amp; c &gt; d</name>
      <desc><![CDATA[x ]]]]><![CDATA[> y]]></desc>
      <empty/>
      <flag/>
      <sc unit="s">42</sc>
    </Report>
  </data>
</ServiceRequest>"#;
        assert_eq!(sample(true), expected);
    }

    /// Reads `<r a="..."><t>...</t><c>...</c></r>` back.
    fn read_back(xml: &str) -> (String, String, String) {
        let mut r = XmlReader::new(xml.as_bytes(), ReadOptions::default());
        r.read_root().expect("root");
        let attrs = r.take_attributes().expect("attrs");
        let a = attrs.first().map(|a| a.value.clone()).unwrap_or_default();
        assert!(r.next_child().expect("t"));
        let t = r.read_text().expect("text");
        assert!(r.next_child().expect("c"));
        let c = r.read_text().expect("cdata");
        assert!(!r.next_child().expect("end"));
        r.finish().expect("finish");
        (a, t, c)
    }

    #[test]
    fn nasty_text_round_trips() {
        let nasty = "q\"uote' <tag> &amp; ]]> \r\n line\ttab \r end ]]]]> \u{1} \u{FFFF} é";
        for pretty in [false, true] {
            let mut w = XmlWriter::new(pretty);
            w.start("r");
            w.attribute("a", nasty);
            w.text_element("t", nasty, false);
            w.text_element("c", nasty, true);
            w.end("r");
            let xml = w.into_string();
            let (a, t, c) = read_back(&xml);
            let expected = nasty.replace(['\u{1}', '\u{FFFF}'], "\u{FFFD}");
            assert_eq!(a, expected, "attribute of {xml}");
            assert_eq!(t, expected, "text of {xml}");
            assert_eq!(c, expected, "cdata of {xml}");
        }
    }

    #[test]
    fn misuse_does_not_break_output() {
        let mut w = XmlWriter::new(false);
        w.attribute("a", "b");
        w.start("x");
        w.text_content("t", false);
        w.attribute("late", "ignored");
        w.end("x");
        w.end("extra");
        assert_eq!(w.as_str(), "<x>t</x>");
        let mut w = XmlWriter::new(true);
        w.start("open");
        assert_eq!(w.into_string(), "<open>");
    }
}
