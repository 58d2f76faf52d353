use super::*;
use std::io::BufReader;

fn lenient() -> ReadOptions {
    ReadOptions::default()
}

fn strict() -> ReadOptions {
    ReadOptions {
        strict: true,
        ..ReadOptions::default()
    }
}

/// 1-based line and byte column of the `nth` occurrence of `needle` in `xml`.
fn loc(xml: &str, needle: &str, nth: usize) -> (u32, u32) {
    let offset = xml
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .expect("needle present");
    let before = &xml[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let col = (offset - before.rfind('\n').map_or(0, |i| i + 1)) as u32 + 1;
    (line, col)
}

/// Visits every element with `next_child`, recording path and start position.
fn walk<R: BufRead>(mut r: XmlReader<R>) -> Result<Vec<(String, u32, u32)>, Error> {
    r.read_root()?;
    let p = r.position();
    let mut out = vec![(r.path(), p.line, p.column)];
    let mut depth = 1;
    while depth > 0 {
        if r.next_child()? {
            let p = r.position();
            out.push((r.path(), p.line, p.column));
            depth += 1;
        } else {
            depth -= 1;
        }
    }
    r.finish()?;
    Ok(out)
}

const POSITIONS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<!-- a comment\nover two lines -->\n\
<root a=\"1\">\n  <first>multi\nline\ntext</first><second><![CDATA[cdata\nwith <tags> and\nlines]]></second>\n\
    <empty/><after\n      x=\"y\"/>\n  <ref>&amp;&#10;é</ref>text<late/>\r\n<?pi x?><crlf>a\r\nb</crlf>\n</root>\n<!-- trailing -->\n";

#[test]
fn positions_after_multiline_text_cdata_and_empty_elements() {
    let expected: Vec<(String, u32, u32)> = [
        ("/root", "<root"),
        ("/root/first", "<first"),
        ("/root/second", "<second"),
        ("/root/empty", "<empty"),
        ("/root/after", "<after"),
        ("/root/ref", "<ref"),
        ("/root/late", "<late"),
        ("/root/crlf", "<crlf"),
    ]
    .iter()
    .map(|(path, needle)| {
        let (l, c) = loc(POSITIONS, needle, 0);
        (path.to_string(), l, c)
    })
    .collect();
    let got = walk(XmlReader::new(POSITIONS.as_bytes(), lenient())).expect("valid");
    assert_eq!(got, expected);
    // Same positions whatever the buffer boundaries of the underlying reader.
    for cap in 1..=9 {
        let input = BufReader::with_capacity(cap, POSITIONS.as_bytes());
        let got = walk(XmlReader::new(input, lenient())).expect("valid");
        assert_eq!(got, expected, "buffer capacity {cap}");
    }
}

#[test]
fn offsets_match_the_input() {
    let mut r = XmlReader::new(POSITIONS.as_bytes(), lenient());
    r.read_root().expect("root");
    assert!(r.next_child().expect("first"));
    let offset = POSITIONS.find("<first").expect("present") as u64;
    assert_eq!(r.position().offset, offset);
}

#[test]
fn text_cdata_references_and_line_ends() {
    let mut r = XmlReader::new(POSITIONS.as_bytes(), lenient());
    r.read_root().expect("root");
    let mut texts = Vec::new();
    while r.next_child().expect("child") {
        texts.push((
            String::from_utf8_lossy(r.name()).into_owned(),
            r.read_text().expect("text"),
        ));
    }
    r.finish().expect("finish");
    let get = |n: &str| texts.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    assert_eq!(get("first"), Some("multi\nline\ntext"));
    assert_eq!(get("second"), Some("cdata\nwith <tags> and\nlines"));
    assert_eq!(get("empty"), Some(""));
    assert_eq!(get("ref"), Some("&\né"));
    assert_eq!(get("crlf"), Some("a\nb"));
}

#[test]
fn bom_does_not_count_as_a_column() {
    let xml = "\u{FEFF}<a><b/></a>";
    let got = walk(XmlReader::new(xml.as_bytes(), lenient())).expect("valid");
    assert_eq!(got, vec![("/a".into(), 1, 1), ("/a/b".into(), 1, 4)]);
}

#[test]
fn attributes_are_unescaped_normalised_and_filtered() {
    let xml = "<r xmlns=\"u\" xmlns:q=\"v\" xsi:noNamespaceSchemaLocation=\"x.xsd\"\n   a='1 &lt; 2' b=\"x\ny\tz&#10;\" c=\"\"/>";
    let mut r = XmlReader::new(xml.as_bytes(), strict());
    r.read_root().expect("root");
    let attrs = r.take_attributes().expect("attrs");
    let simple: Vec<(&str, &str)> = attrs
        .iter()
        .map(|a| (a.name.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(simple, vec![("a", "1 < 2"), ("b", "x y z\n"), ("c", "")]);
    let a = &attrs[0];
    assert_eq!((a.position.line, a.position.column), loc(xml, "a='", 0));
    assert_eq!(
        (attrs[1].position.line, attrs[1].position.column),
        loc(xml, "b=", 0)
    );
    assert!(!r.next_child().expect("end"));
    r.finish().expect("finish");
}

#[test]
fn malformed_attributes_are_errors() {
    for xml in [
        "<r a=1/>",
        "<r a=\"1\" a=\"2\"/>",
        "<r a/>",
        "<r a=\"<\"/>",
        "<r a=\"&bogus;\"/>",
        "<r a=\"1\"b=\"2\"/>",
    ] {
        let mut r = XmlReader::new(xml.as_bytes(), lenient());
        let err = r.read_root().expect_err(xml);
        assert!(matches!(err.kind, ErrorKind::Malformed(_)), "{xml}: {err}");
        assert_eq!(err.path, "/r", "{xml}");
    }
}

#[test]
fn lenient_ignores_and_strict_rejects_unknown_things() {
    let xml =
        "<r extra=\"1\">\n  <known>1</known>\n  <unknown><deep>x</deep></unknown>\n  stray\n</r>";
    let read = |opts: ReadOptions| -> Result<i32, Error> {
        let mut r = XmlReader::new(xml.as_bytes(), opts);
        r.read_root()?;
        for a in r.take_attributes()? {
            r.unknown_attribute(&a)?;
        }
        let mut known = 0;
        while r.next_child()? {
            match r.name() {
                b"known" => known = r.read_value()?,
                _ => r.unknown_element()?,
            }
        }
        r.finish()?;
        Ok(known)
    };
    assert_eq!(read(lenient()).expect("lenient"), 1);

    let err = read(strict()).expect_err("strict");
    assert!(matches!(&err.kind, ErrorKind::UnexpectedAttribute { name } if name == "extra"));
    assert_eq!((err.position.line, err.position.column), (1, 4));
    assert_eq!(err.to_string(), "1:4: /r: unexpected attribute 'extra'");

    // Strict, with the attribute accepted: the unknown element is next.
    let xml2 = xml.replace(" extra=\"1\"", "");
    let mut r = XmlReader::new(xml2.as_bytes(), strict());
    r.read_root().expect("root");
    r.no_attributes().expect("none");
    assert!(r.next_child().expect("known"));
    assert_eq!(r.read_value::<i32>().expect("value"), 1);
    assert!(r.next_child().expect("unknown"));
    let err = r.unknown_element().expect_err("strict");
    assert_eq!(
        err.to_string(),
        "3:3: /r/unknown: unexpected element 'unknown'"
    );
    r.skip_element().expect("skip");
    let err = r.next_child().expect_err("stray text");
    assert!(matches!(err.kind, ErrorKind::UnexpectedText));
    assert_eq!(err.path, "/r");
}

#[test]
fn strict_no_attributes_and_untaken_attributes() {
    let xml = "<r><v xsi:nil=\"false\" q=\"1\">5</v></r>";
    let mut r = XmlReader::new(xml.as_bytes(), strict());
    r.read_root().expect("root");
    assert!(r.next_child().expect("v"));
    let err = r
        .read_value::<i32>()
        .expect_err("attribute nobody asked for");
    assert!(matches!(&err.kind, ErrorKind::UnexpectedAttribute { name } if name == "q"));
    let mut r = XmlReader::new(xml.as_bytes(), lenient());
    r.read_root().expect("root");
    assert!(r.next_child().expect("v"));
    r.no_attributes().expect("lenient");
    assert_eq!(r.read_value::<i32>().expect("value"), 5);
}

#[test]
fn read_text_with_child_elements() {
    let xml = "<r><t>a<b>ignored<c/></b>c</t></r>";
    let mut r = XmlReader::new(xml.as_bytes(), lenient());
    r.read_root().expect("root");
    assert!(r.next_child().expect("t"));
    assert_eq!(r.read_text().expect("text"), "ac");
    assert!(!r.next_child().expect("end"));
    r.finish().expect("finish");

    let mut r = XmlReader::new(xml.as_bytes(), strict());
    r.read_root().expect("root");
    assert!(r.next_child().expect("t"));
    let err = r.read_text().expect_err("strict");
    assert_eq!(err.to_string(), "1:8: /r/t/b: unexpected element 'b'");
}

#[test]
fn invalid_value_is_positioned_at_the_element() {
    let xml = "<WasScan>\n  <id>12</id>\n  <multi>\n    &gt;false\n  </multi>\n</WasScan>";
    let mut r = XmlReader::new(xml.as_bytes(), lenient());
    r.read_root().expect("root");
    assert!(r.next_child().expect("id"));
    assert_eq!(r.read_value::<i64>().expect("id"), 12);
    assert!(r.next_child().expect("multi"));
    let err = r.read_value::<bool>().expect_err("invalid");
    assert_eq!(
        err.to_string(),
        "3:3: /WasScan/multi: '>false' is not a valid xs:boolean"
    );
    assert!(matches!(
        err.kind,
        ErrorKind::InvalidValue {
            expected: "xs:boolean",
            ..
        }
    ));
}

#[test]
fn missing_duplicate_and_attribute_errors() {
    let xml = "<root>\n <Finding>\n  <name>a</name>\n  <name>b</name>\n </Finding>\n</root>";
    let mut r = XmlReader::new(xml.as_bytes(), lenient());
    r.read_root().expect("root");
    assert!(r.next_child().expect("Finding"));
    let mark = r.mark();
    assert_eq!(mark.position().line, 2);
    let mut names = 0;
    let mut dup = None;
    while r.next_child().expect("child") {
        names += 1;
        if names == 2 {
            dup = Some(r.duplicate("name"));
        }
        r.skip_element().expect("skip");
    }
    let dup = dup.expect("second name");
    assert_eq!(
        dup.to_string(),
        "4:3: /root/Finding/name: element 'name' occurs more often than allowed"
    );
    let missing = r.missing(&mark, "id");
    assert_eq!(
        missing.to_string(),
        "2:2: /root/Finding: missing required element 'id'"
    );
    let missing_attr = r.missing_attribute(&mark, "type");
    assert_eq!(
        missing_attr.to_string(),
        "2:2: /root/Finding: missing required attribute 'type'"
    );
    let occ = r.occurrence(&mark, "name", 1, 1, 2);
    assert_eq!(
        occ.to_string(),
        "2:2: /root/Finding: element 'name' occurs 2 time(s); expected between 1 and 1"
    );

    let xml = "<r n=\"x1\"/>";
    let mut r = XmlReader::new(xml.as_bytes(), lenient());
    r.read_root().expect("root");
    let attrs = r.take_attributes().expect("attrs");
    let err = i32::parse_xml(&attrs[0].value).map_err(|e| r.invalid_attribute(&attrs[0], e));
    assert_eq!(
        err.expect_err("invalid").to_string(),
        "1:4: /r/@n: 'x1' is not a valid xs:int"
    );
}

#[test]
fn dtd_documents_are_rejected_without_expansion() {
    let billion_laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>"#;
    let xxe = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
    let public = "<!DOCTYPE r PUBLIC \"-//x//y\" \"http://example.invalid/r.dtd\"><r/>";
    for (doc, line, col) in [(billion_laughs, 2, 1), (xxe, 1, 1), (public, 1, 1)] {
        let mut r = XmlReader::new(doc.as_bytes(), lenient());
        let err = r.read_root().expect_err("DTD");
        assert!(matches!(err.kind, ErrorKind::Dtd), "{err}");
        assert_eq!((err.position.line, err.position.column), (line, col));
    }
    // Without a DTD, an undeclared entity is an error, not an expansion.
    let mut r = XmlReader::new("<r>&x;</r>".as_bytes(), lenient());
    r.read_root().expect("root");
    let err = r.read_text().expect_err("undefined entity");
    assert!(err.to_string().contains("undefined entity '&x;'"), "{err}");
}

#[test]
fn deep_nesting_hits_the_depth_limit_without_overflow() {
    let n = 200_000;
    let xml = format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
    let mut r = XmlReader::new(xml.as_bytes(), lenient());
    r.read_root().expect("root");
    let err = loop {
        match r.next_child() {
            Ok(true) => {}
            Ok(false) => panic!("the limit should stop the descent"),
            Err(e) => break e,
        }
    };
    assert!(
        matches!(
            err.kind,
            ErrorKind::LimitExceeded {
                which: "max_depth",
                limit: 1024
            }
        ),
        "{err}"
    );
    assert_eq!(err.position.column, 1024 * 3 + 1);

    // With the limit raised, the whole document is walked iteratively.
    let opts = ReadOptions {
        limits: Limits {
            max_depth: n,
            ..Limits::default()
        },
        ..lenient()
    };
    let mut r = XmlReader::new(xml.as_bytes(), opts.clone());
    r.read_root().expect("root");
    let (mut depth, mut max_depth, mut elements) = (1, 1, 1);
    while depth > 0 {
        if r.next_child().expect("valid") {
            depth += 1;
            elements += 1;
            max_depth = max_depth.max(r.depth());
        } else {
            depth -= 1;
        }
    }
    r.finish().expect("finish");
    assert_eq!((elements, max_depth), (n, n));
    let mut r = XmlReader::new(xml.as_bytes(), opts);
    r.read_root().expect("root");
    r.skip_element().expect("skip");
    r.finish().expect("finish");
}

#[test]
fn huge_text_over_a_lowered_limit() {
    let text = "x".repeat(20 * 1024 * 1024);
    let xml = format!("<r>\n<t>{text}</t></r>");
    let opts = ReadOptions {
        limits: Limits {
            max_text_bytes: 1024 * 1024,
            ..Limits::default()
        },
        ..lenient()
    };
    let mut r = XmlReader::new(xml.as_bytes(), opts.clone());
    r.read_root().expect("root");
    assert!(r.next_child().expect("t"));
    let Err(err) = r.read_text() else {
        panic!("20 MB of text should exceed 1 MiB");
    };
    assert!(
        matches!(
            err.kind,
            ErrorKind::LimitExceeded {
                which: "max_text_bytes",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!((err.position.line, err.position.column), (2, 4));
    // Split into many small text tokens, the element's total still counts.
    let pieces = "ab&amp;".repeat(500_000);
    let xml = format!("<r>{pieces}</r>");
    let mut r = XmlReader::new(xml.as_bytes(), opts);
    r.read_root().expect("root");
    let Err(err) = r.read_text() else {
        panic!("1.5 MB of text should exceed 1 MiB");
    };
    assert!(
        matches!(
            err.kind,
            ErrorKind::LimitExceeded {
                which: "max_text_bytes",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn total_size_and_attribute_limits() {
    let xml = format!("<r>{}</r>", "<a/>".repeat(100));
    let opts = ReadOptions {
        limits: Limits {
            max_total_bytes: 50,
            ..Limits::default()
        },
        ..lenient()
    };
    let err = walk(XmlReader::new(xml.as_bytes(), opts)).expect_err("too big");
    assert!(
        matches!(
            err.kind,
            ErrorKind::LimitExceeded {
                which: "max_total_bytes",
                limit: 50
            }
        ),
        "{err}"
    );
    assert_eq!(err.position.offset, 50);

    let many = (0..10).map(|i| format!(" a{i}=\"v\"")).collect::<String>();
    let xml = format!("<r{many}/>");
    let opts = ReadOptions {
        limits: Limits {
            max_attributes: 5,
            ..Limits::default()
        },
        ..lenient()
    };
    let err = XmlReader::new(xml.as_bytes(), opts)
        .read_root()
        .expect_err("too many");
    assert!(
        matches!(
            err.kind,
            ErrorKind::LimitExceeded {
                which: "max_attributes",
                limit: 5
            }
        ),
        "{err}"
    );

    let xml = format!("<r a=\"{}\"/>", "v".repeat(100));
    let opts = ReadOptions {
        limits: Limits {
            max_attribute_bytes: 10,
            ..Limits::default()
        },
        ..lenient()
    };
    let err = XmlReader::new(xml.as_bytes(), opts)
        .read_root()
        .expect_err("too long");
    assert!(
        matches!(
            err.kind,
            ErrorKind::LimitExceeded {
                which: "max_attribute_bytes",
                limit: 10
            }
        ),
        "{err}"
    );
}

fn first_error(xml: &[u8]) -> Error {
    let r = XmlReader::new(xml, lenient());
    walk(r).expect_err("should fail")
}

#[test]
fn invalid_utf8_is_a_positioned_error() {
    let err = first_error(b"<r>\n  <t>ab\xFFcd</t></r>");
    assert!(
        matches!(&err.kind, ErrorKind::Malformed(m) if m.contains("UTF-8")),
        "{err}"
    );
    assert_eq!((err.position.line, err.position.column), (2, 8));
    let err = first_error(b"<r\xC3/>");
    assert!(
        matches!(&err.kind, ErrorKind::Malformed(m) if m.contains("UTF-8")),
        "{err}"
    );
}

#[test]
fn truncated_empty_and_stray_content() {
    let err = first_error(b"<r>\n  <a>\n    <b>text");
    assert!(matches!(err.kind, ErrorKind::Truncated), "{err}");
    assert_eq!(err.path, "/r/a/b");

    for empty in [
        &b""[..],
        b"   \n",
        b"<?xml version=\"1.0\"?>\n<!-- nothing -->\n",
    ] {
        let err = XmlReader::new(empty, lenient())
            .read_root()
            .expect_err("empty");
        assert!(matches!(err.kind, ErrorKind::Empty), "{err}");
    }

    let err = first_error(b"<a/>\n<b/>");
    assert!(
        matches!(&err.kind, ErrorKind::Malformed(m) if m.contains("second root")),
        "{err}"
    );
    assert_eq!((err.position.line, err.position.column), (2, 1));

    let err = first_error(b"<a/>trailing");
    assert!(
        matches!(&err.kind, ErrorKind::Malformed(m) if m.contains("after the root")),
        "{err}"
    );
    // Positioned where the stray content starts, past the whitespace (as libxml2 does).
    let err = first_error(b"<a/>\n  ...\n<b/>");
    assert_eq!((err.position.line, err.position.column), (2, 3), "{err}");
    let err = first_error(b"\n\n  text<a/>");
    assert!(
        matches!(&err.kind, ErrorKind::Malformed(m) if m.contains("before the root")),
        "{err}"
    );
    assert_eq!((err.position.line, err.position.column), (3, 3), "{err}");

    let err = first_error(b"{\"ServiceResponse\": {\"responseCode\": \"SUCCESS\"}}");
    assert!(
        matches!(&err.kind, ErrorKind::Malformed(m) if m.contains("before the root")),
        "{err}"
    );
    assert_eq!((err.position.line, err.position.column), (1, 1));

    let err = first_error(b"<a><b></a>");
    assert!(matches!(err.kind, ErrorKind::Malformed(_)), "{err}");

    let err = first_error(b"<a/><?xml version=\"1.0\"?>");
    assert!(matches!(err.kind, ErrorKind::Malformed(_)), "{err}");

    let err = first_error(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>");
    assert!(
        matches!(&err.kind, ErrorKind::Malformed(m) if m.contains("ISO-8859-1")),
        "{err}"
    );

    let err = first_error(b"<a>&#0;</a>");
    assert!(matches!(err.kind, ErrorKind::Malformed(_)), "{err}");

    let err = first_error(b"<a>\x01</a>");
    assert!(matches!(err.kind, ErrorKind::Malformed(_)), "{err}");

    let err = first_error(b"<a><!-- a -- b --></a>");
    assert!(matches!(err.kind, ErrorKind::Malformed(_)), "{err}");
}

#[test]
fn finish_requires_the_root_to_be_closed() {
    let mut r = XmlReader::new("<a><b/></a>".as_bytes(), lenient());
    r.read_root().expect("root");
    assert!(r.finish().is_err());
    assert!(r.next_child().expect("b"));
}

#[test]
fn names_strip_prefixes() {
    let xml = "<ns:root xmlns:ns=\"urn:x\"><ns:child/></ns:root>";
    let got = walk(XmlReader::new(xml.as_bytes(), lenient())).expect("valid");
    assert_eq!(got[1].0, "/root/child");
}

#[test]
fn io_errors_are_reported() {
    struct Failing;
    impl std::io::Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    let mut r = XmlReader::new(BufReader::new(Failing), lenient());
    let err = r.read_root().expect_err("io");
    assert!(matches!(err.kind, ErrorKind::Io(_)));
    assert!(err.to_string().contains("disk on fire"));
}
