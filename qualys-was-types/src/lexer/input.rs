//! The input adapter under the lexer: buffering, line counting, limits.

use std::io::{self, BufRead};

use crate::error::Position;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Which limit the input adapter tripped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Trip {
    Total,
    Token,
    /// A control character XML does not allow (at the current offset).
    Control(u8),
}

/// Size of the adapter's own read buffer.
const CHUNK: usize = 64 * 1024;

/// A buffering reader that tracks line and column of the consumed bytes, and cuts
/// the input off at the total-size and single-token limits.
///
/// It keeps its own buffer, so the consumed bytes are at hand for counting whatever
/// the inner reader does. Counting is lazy: [`Counted::position`] counts the newlines
/// consumed since the previous call in one pass (and a refill counts what is left of
/// the old buffer first), so each token costs one scan.
pub(super) struct Counted<R> {
    inner: R,
    buf: Vec<u8>,
    /// Consumed up to here.
    pos: usize,
    /// Valid bytes in `buf`.
    filled: usize,
    /// Bytes before this index hold no forbidden control character (`filled`
    /// when the chunk has none).
    clean: usize,
    /// Some chunk so far held a carriage return (so text may need line-end
    /// normalisation).
    pub(super) cr_seen: bool,
    /// Newlines counted up to here (`<= pos`).
    counted: usize,
    /// Positions of the newlines in `buf[..filled]`, found when it was filled.
    newlines: Vec<u32>,
    /// Index into `newlines` of the first newline not yet counted.
    next_newline: usize,
    /// Absolute offset of `buf[0]`.
    base: u64,
    line: u32,
    line_start: u64,
    max_total: u64,
    max_token: u64,
    /// No byte at or beyond this offset is handed out (the nearer of both limits).
    limit_at: u64,
    pub(super) tripped: Option<Trip>,
    /// No byte was handed out yet. The first `fill_buf` hands out one byte at
    /// most, so that the tokenizer never takes a byte-order mark for its own
    /// (this adapter consumes the leading one, whatever the read sizes).
    probe: bool,
    /// The first fill happened.
    started: bool,
}

impl<R: BufRead> Counted<R> {
    pub(super) fn new(inner: R, max_total: u64, max_token: u64) -> Self {
        Counted {
            inner,
            buf: Vec::new(),
            pos: 0,
            filled: 0,
            clean: 0,
            cr_seen: false,
            counted: 0,
            newlines: Vec::new(),
            next_newline: 0,
            base: 0,
            line: 1,
            line_start: 0,
            max_total,
            max_token,
            limit_at: max_total.min(max_token),
            tripped: None,
            probe: true,
            started: false,
        }
    }

    fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// A new token starts at the current offset.
    pub(super) fn start_token(&mut self) {
        self.limit_at = self
            .max_total
            .min(self.offset().saturating_add(self.max_token));
    }

    /// Counts the newlines consumed since the last call: those of the buffer's
    /// newline index below `pos`.
    fn sync(&mut self) {
        let mut last = None;
        let mut count: u32 = 0;
        while let Some(&p) = self.newlines.get(self.next_newline) {
            if p as usize >= self.pos {
                break;
            }
            last = Some(p);
            count += 1;
            self.next_newline += 1;
        }
        if let Some(last) = last {
            self.line = self.line.saturating_add(count);
            self.line_start = self.base + u64::from(last) + 1;
        }
        self.counted = self.pos;
    }

    /// Fills the buffer for the first time, consuming a byte-order mark, so
    /// that [`Counted::position`] is right for the first token.
    pub(super) fn prime(&mut self) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.refill()
    }

    /// The last byte consumed, if it is still in the buffer.
    pub(super) fn last_consumed(&self) -> Option<u8> {
        self.buf.get(self.pos.checked_sub(1)?).copied()
    }

    /// The position just after the consumed bytes.
    pub(super) fn position(&mut self) -> Position {
        self.sync();
        let offset = self.offset();
        let column = offset.saturating_sub(self.line_start).saturating_add(1);
        Position {
            line: self.line,
            column: u32::try_from(column).unwrap_or(u32::MAX),
            offset,
        }
    }
}

impl<R: BufRead> io::Read for Counted<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            if let (Some(dst), Some(src)) = (out.get_mut(..n), available.get(..n)) {
                dst.copy_from_slice(src);
            }
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> Counted<R> {
    /// Refills the buffer once everything in it was consumed.
    #[cold]
    fn refill(&mut self) -> io::Result<()> {
        self.sync();
        let first = !self.started;
        self.started = true;
        if self.buf.is_empty() {
            self.buf = vec![0; CHUNK];
        }
        self.base += self.filled as u64;
        self.pos = 0;
        self.counted = 0;
        self.filled = 0;
        self.newlines.clear();
        self.next_newline = 0;
        // The first fill gathers at least the length of a byte-order mark (or
        // everything, if less), so that the mark is recognised however the
        // inner reader splits its reads.
        loop {
            let dst = self.buf.get_mut(self.filled..).unwrap_or(&mut []);
            let room = dst.len();
            match self.inner.read(dst) {
                Ok(0) => break,
                Ok(n) => {
                    self.filled += n.min(room);
                    if !first || self.filled >= BOM.len() {
                        break;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
        // One SIMD pass indexes the chunk's newlines; `sync` then only walks the
        // index. `CHUNK` fits in a `u32`.
        let filled = self.buf.get(..self.filled).unwrap_or(&[]);
        self.newlines
            .extend(memchr::memchr_iter(b'\n', filled).filter_map(|i| u32::try_from(i).ok()));
        // XML allows no C0 control character but tab, LF and CR anywhere (raw, not
        // as a reference), so one scan per chunk replaces checks per token.
        self.clean = first_forbidden_control(filled).unwrap_or(self.filled);
        self.cr_seen |= memchr::memchr(b'\r', filled).is_some();
        if first && filled.starts_with(BOM) {
            // The mark is consumed here, not by the tokenizer: it counts in
            // offsets, but takes no column.
            self.pos = BOM.len();
            self.counted = BOM.len();
            self.line_start = BOM.len() as u64;
        }
        Ok(())
    }

    /// Hands out at most `left` bytes, or trips a limit.
    #[cold]
    fn limited(&mut self, left: u64) -> io::Result<&[u8]> {
        if self.pos >= self.clean && self.pos < self.filled {
            let b = self.buf.get(self.pos).copied().unwrap_or(0);
            self.tripped = Some(Trip::Control(b));
            return Err(io::Error::other("forbidden control character"));
        }
        if self.pos >= self.filled {
            return Ok(&[]);
        }
        if left == 0 {
            self.tripped = Some(if self.offset() >= self.max_total {
                Trip::Total
            } else {
                Trip::Token
            });
            return Err(io::Error::other("input limit reached"));
        }
        let allow = usize::try_from(left).unwrap_or(usize::MAX);
        let available = self.buf.get(self.pos..self.clean).unwrap_or(&[]);
        Ok(available.get(..allow).unwrap_or(available))
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    #[inline]
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.filled {
            self.refill()?;
        }
        let left = self.limit_at.saturating_sub(self.offset());
        if ((self.clean.saturating_sub(self.pos)) as u64) > left || self.pos >= self.clean {
            return self.limited(left);
        }
        if self.probe {
            self.probe = false;
            return Ok(self
                .buf
                .get(self.pos..self.clean.min(self.pos + 1))
                .unwrap_or(&[]));
        }
        Ok(self.buf.get(self.pos..self.clean).unwrap_or(&[]))
    }

    #[inline]
    fn consume(&mut self, amt: usize) {
        self.pos = self.pos.saturating_add(amt).min(self.filled);
    }
}

/// A C0 control character XML 1.0 does not allow.
fn is_forbidden_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')
}

/// Index of the first forbidden control character. Fixed-size blocks with a
/// branch-free body let the compiler vectorise the common, clean case.
fn first_forbidden_control(bytes: &[u8]) -> Option<usize> {
    let mut blocks = bytes.chunks_exact(64);
    let mut base = 0;
    for block in &mut blocks {
        let mut found = 0u8;
        for &b in block {
            found |= u8::from((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'));
        }
        if found != 0 {
            return block
                .iter()
                .position(|b| is_forbidden_control(*b))
                .map(|i| base + i);
        }
        base += 64;
    }
    blocks
        .remainder()
        .iter()
        .position(|b| is_forbidden_control(*b))
        .map(|i| base + i)
}
