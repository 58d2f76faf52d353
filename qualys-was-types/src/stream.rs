//! Streaming iterators over the repeated items of large documents.
//!
//! A scan download or a finding search can be hundreds of MB. [`Items`] walks down a
//! fixed element path and yields one typed item at a time, so memory stays bounded by
//! the largest single item, whatever the document's size. Everything outside the path
//! is skipped without being built; the document is still checked for well-formedness
//! to its end.
//!
//! ```
//! use qualys_was_types::stream;
//! let xml = r#"<WasScan><id>1</id><igs><count>2</count><list>
//!   <WasScanIg><qid>6</qid><title>DNS Host Name</title></WasScanIg>
//!   <WasScanIg><qid>45017</qid><title>Operating System Detected</title></WasScanIg>
//! </list></igs></WasScan>"#;
//! let qids: Vec<i32> = stream::wasscan_igs(xml.as_bytes())
//!     .map(|ig| ig.map(|ig| ig.qid))
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(qids, [6, 45017]);
//! # Ok::<(), qualys_was_types::Error>(())
//! ```

use std::io::BufRead;
use std::marker::PhantomData;

use crate::generated::{finding, optionprofile, report, wasscan};
use crate::{Error, FromXml, ReadOptions, XmlReader};

/// An iterator over the items at `path/item` of a document.
///
/// Yields `Err` once and then ends when the document is malformed, an item does not
/// parse, or the root element is not `path[0]`.
pub struct Items<T, R: BufRead> {
    reader: XmlReader<R>,
    path: &'static [&'static str],
    item: &'static str,
    /// How many elements of `path` the reader is inside; 0 before the root.
    level: usize,
    started: bool,
    done: bool,
    _item: PhantomData<fn() -> T>,
}

impl<T: FromXml, R: BufRead> Items<T, R> {
    /// Items named `item` inside the elements `path` (root first), lenient mode.
    pub fn new(input: R, path: &'static [&'static str], item: &'static str) -> Self {
        Self::with_options(input, path, item, ReadOptions::default())
    }

    /// Like [`Items::new`], with reader options (strict mode, limits).
    pub fn with_options(
        input: R,
        path: &'static [&'static str],
        item: &'static str,
        options: ReadOptions,
    ) -> Self {
        Items {
            reader: XmlReader::new(input, options),
            path,
            item,
            level: 0,
            started: false,
            done: false,
            _item: PhantomData,
        }
    }

    fn advance(&mut self) -> Result<Option<T>, Error> {
        let r = &mut self.reader;
        if !self.started {
            self.started = true;
            r.read_root()?;
            let root = self.path.first().copied().unwrap_or_default();
            if r.name() != root.as_bytes() {
                return Err(r.unknown_root());
            }
            self.level = 1;
        }
        while self.level > 0 {
            if !r.next_child()? {
                self.level -= 1;
                continue;
            }
            if self.level == self.path.len() && r.name() == self.item.as_bytes() {
                return T::from_xml(r).map(Some);
            }
            match self.path.get(self.level) {
                Some(next) if r.name() == next.as_bytes() => self.level += 1,
                _ => r.skip_element()?,
            }
        }
        r.finish()?;
        Ok(None)
    }
}

impl<T: FromXml, R: BufRead> Iterator for Items<T, R> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.advance() {
            Ok(Some(item)) => Some(Ok(item)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// The information-gathered items (`WasScan/igs/list/WasScanIg`) of a scan download.
pub fn wasscan_igs<R: BufRead>(input: R) -> Items<wasscan::WasScanIg, R> {
    Items::new(input, &["WasScan", "igs", "list"], "WasScanIg")
}

/// The vulnerabilities (`WasScan/vulns/list/WasScanVuln`) of a scan download.
pub fn wasscan_vulns<R: BufRead>(input: R) -> Items<wasscan::WasScanVuln, R> {
    Items::new(input, &["WasScan", "vulns", "list"], "WasScanVuln")
}

/// The sensitive contents (`WasScan/sensitiveContents/list/WasScanSensitiveContent`)
/// of a scan download.
pub fn wasscan_sensitive_contents<R: BufRead>(
    input: R,
) -> Items<wasscan::WasScanSensitiveContent, R> {
    Items::new(
        input,
        &["WasScan", "sensitiveContents", "list"],
        "WasScanSensitiveContent",
    )
}

/// The findings of a finding search or get response (`ServiceResponse/data/Finding`).
pub fn findings<R: BufRead>(input: R) -> Items<finding::Finding, R> {
    Items::new(input, &["ServiceResponse", "data"], "Finding")
}

/// The scans of a scan search response (`ServiceResponse/data/WasScan`).
pub fn wasscans<R: BufRead>(input: R) -> Items<wasscan::WasScan, R> {
    Items::new(input, &["ServiceResponse", "data"], "WasScan")
}

/// The option profiles of a response (`ServiceResponse/data/OptionProfile`).
pub fn option_profiles<R: BufRead>(input: R) -> Items<optionprofile::OptionProfile, R> {
    Items::new(input, &["ServiceResponse", "data"], "OptionProfile")
}

/// The reports of a report search response (`ServiceResponse/data/Report`).
pub fn reports<R: BufRead>(input: R) -> Items<report::Report, R> {
    Items::new(input, &["ServiceResponse", "data"], "Report")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_everything_outside_the_path() {
        let xml = "<WasScan><igs><list><WasScanIg><qid>1</qid><title>a</title></WasScanIg>\
                   <other><WasScanIg><qid>9</qid><title>x</title></WasScanIg></other>\
                   <WasScanIg><qid>2</qid><title>b</title></WasScanIg></list></igs>\
                   <vulns><list><WasScanVuln><qid>3</qid><title>t</title><uri>u</uri></WasScanVuln></list></vulns></WasScan>";
        let igs: Vec<i32> = wasscan_igs(xml.as_bytes())
            .map(|r| r.map(|ig| ig.qid))
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        assert_eq!(igs, [1, 2]);
        let vulns: Vec<i32> = wasscan_vulns(xml.as_bytes())
            .map(|r| r.map(|v| v.qid))
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        assert_eq!(vulns, [3]);
    }

    #[test]
    fn wrong_root_and_truncation_are_errors_once() {
        let mut it = wasscan_igs("<ServiceResponse/>".as_bytes());
        assert!(matches!(it.next(), Some(Err(_))));
        assert!(it.next().is_none());
        let mut it = wasscan_igs(
            "<WasScan><igs><list><WasScanIg><qid>1</qid><title>a</title></WasScanIg>".as_bytes(),
        );
        assert!(matches!(it.next(), Some(Ok(_))));
        let err = it.next();
        assert!(matches!(err, Some(Err(_))), "{err:?}");
        assert!(it.next().is_none());
    }

    #[test]
    fn empty_list_yields_nothing() {
        let n = findings("<ServiceResponse><responseCode>SUCCESS</responseCode><count>0</count></ServiceResponse>".as_bytes()).count();
        assert_eq!(n, 0);
    }
}
