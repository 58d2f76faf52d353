//! Content-model state machines for `all`, `sequence` and `choice`.
//!
//! Matching is greedy and deterministic, as the Unique Particle Attribution
//! constraint of XSD allows: a child is matched against the current particle while
//! it may still repeat, else against the following particles up to the first
//! required one, else it starts a new repetition of the compositor. The state is a
//! few integers and, for `all`, a bitset of the first 128 particles (particles
//! beyond the 128th are matched but not counted).

use crate::model::{Compositor, ContentDecl, ElementDecl, SimpleDecl};

/// What an open element may contain.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    /// Text of a simple type (an element of simple type, or simple content).
    Simple(&'static SimpleDecl),
    /// Nothing at all.
    Empty,
    /// Element-only content.
    Elements {
        comp: Compositor,
        min: u32,
        max: u32,
        particles: &'static [ElementDecl],
    },
}

impl Kind {
    pub(super) fn of(content: &'static ContentDecl) -> Kind {
        match content {
            ContentDecl::Empty => Kind::Empty,
            ContentDecl::Simple(s) => Kind::Simple(s),
            ContentDecl::Elements {
                compositor,
                min,
                max,
                particles,
            } => Kind::Elements {
                comp: *compositor,
                min: *min,
                max: *max,
                particles,
            },
        }
    }
}

/// Content-model state of one open element.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct State {
    /// Current particle (sequence, choice).
    idx: usize,
    /// Occurrences of the current particle in the current repetition.
    count: u32,
    /// Completed repetitions of the compositor before the current one.
    reps: u32,
    /// The current repetition holds at least one child.
    started: bool,
    /// `all`: particles seen.
    seen: u128,
}

/// The outcome of matching one child element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// Matched particle `.0`.
    Matched(usize),
    /// Matched particle `matched` of a sequence after skipping required particles
    /// (reported through [`skipped`]).
    Skipped { matched: usize },
    /// Particle `.0` occurs more often than allowed.
    TooMany(usize),
    /// Not allowed here; `Some` when the name is a particle (out of order).
    Unexpected(Option<usize>),
}

/// A content-model problem, reported at the parent.
#[derive(Debug, Clone)]
pub(super) enum Problem {
    Missing(&'static str),
    TooFew {
        name: &'static str,
        min: u32,
        found: u32,
    },
    MissingOneOf(&'static [ElementDecl]),
    TooFewRepetitions {
        min: u32,
        found: u32,
    },
}

impl Problem {
    pub(super) fn message(&self) -> String {
        match self {
            Problem::Missing(name) => format!("missing required element '{name}'"),
            Problem::TooFew { name, min, found } => {
                format!("element '{name}' occurs {found} time(s); at least {min} required")
            }
            Problem::MissingOneOf(particles) => {
                let mut m = String::from("missing required element; expected one of: ");
                crate::value::push_list(&mut m, particles.iter().map(|p| p.name), 40);
                m
            }
            Problem::TooFewRepetitions { min, found } => {
                format!("the content model occurs {found} time(s); at least {min} required")
            }
        }
    }
}

/// String equality that rejects on length and first byte before comparing the rest
/// (names in a content model often share their length).
#[inline]
pub(super) fn name_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

fn find(particles: &[ElementDecl], name: &str, from: usize) -> Option<usize> {
    particles
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, p)| name_eq(p.name, name))
        .map(|(j, _)| j)
}

fn bit(j: usize) -> u128 {
    if j < 128 {
        1u128 << j
    } else {
        0
    }
}

/// Whether the current sequence repetition could end here.
fn seq_complete(st: &State, ps: &[ElementDecl]) -> bool {
    !matches!(ps.get(st.idx), Some(p) if st.count < p.min)
        && ps.iter().skip(st.idx + 1).all(|p| p.min == 0)
}

/// Matches child `name` and advances the state.
pub(super) fn step(
    st: &mut State,
    comp: Compositor,
    cmax: u32,
    ps: &[ElementDecl],
    name: &str,
) -> Step {
    match comp {
        Compositor::Sequence => seq_step(st, cmax, ps, name),
        Compositor::Choice => choice_step(st, cmax, ps, name),
        Compositor::All => match find(ps, name, 0) {
            None => Step::Unexpected(None),
            Some(j) if st.seen & bit(j) != 0 => Step::TooMany(j),
            Some(j) => {
                st.seen |= bit(j);
                st.started = true;
                Step::Matched(j)
            }
        },
    }
}

fn seq_step(st: &mut State, cmax: u32, ps: &[ElementDecl], name: &str) -> Step {
    let current = ps.get(st.idx);
    if let Some(p) = current {
        if name_eq(p.name, name) && st.count < p.max {
            st.count += 1;
            st.started = true;
            return Step::Matched(st.idx);
        }
    }
    if !matches!(current, Some(p) if st.count < p.min) {
        for (j, p) in ps.iter().enumerate().skip(st.idx + 1) {
            if name_eq(p.name, name) {
                *st = State {
                    idx: j,
                    count: 1,
                    started: true,
                    ..*st
                };
                return Step::Matched(j);
            }
            if p.min > 0 {
                break;
            }
        }
    }
    if st.started && seq_complete(st, ps) && st.reps.saturating_add(1) < cmax {
        for (j, p) in ps.iter().enumerate() {
            if name_eq(p.name, name) {
                *st = State {
                    idx: j,
                    count: 1,
                    started: true,
                    reps: st.reps + 1,
                    ..*st
                };
                return Step::Matched(j);
            }
            if p.min > 0 {
                break;
            }
        }
    }
    // Recovery: a later particle after missing required ones.
    if let Some(j) = find(ps, name, st.idx + 1) {
        *st = State {
            idx: j,
            count: 1,
            started: true,
            ..*st
        };
        return Step::Skipped { matched: j };
    }
    match find(ps, name, 0) {
        Some(j) if j == st.idx => Step::TooMany(j),
        other => Step::Unexpected(other),
    }
}

fn choice_step(st: &mut State, cmax: u32, ps: &[ElementDecl], name: &str) -> Step {
    let current = ps.get(st.idx).filter(|_| st.started);
    if let Some(p) = current {
        if name_eq(p.name, name) && st.count < p.max {
            st.count += 1;
            return Step::Matched(st.idx);
        }
    }
    let can_start = match current {
        Some(p) => st.count >= p.min && st.reps.saturating_add(1) < cmax,
        None => cmax > 0,
    };
    let found = find(ps, name, 0);
    match found {
        Some(j) if can_start => {
            let reps = if st.started { st.reps + 1 } else { st.reps };
            *st = State {
                idx: j,
                count: 1,
                started: true,
                reps,
                ..*st
            };
            Step::Matched(j)
        }
        Some(j) if st.started && j == st.idx => Step::TooMany(j),
        other => Step::Unexpected(other),
    }
}

/// The problems implied by a [`Step::Skipped`] from state `before`.
pub(super) fn skipped(before: &State, ps: &'static [ElementDecl], matched: usize) -> Vec<Problem> {
    let mut out = Vec::new();
    for (k, p) in ps.iter().enumerate().take(matched).skip(before.idx) {
        let found = if k == before.idx { before.count } else { 0 };
        if found < p.min {
            out.push(if found == 0 {
                Problem::Missing(p.name)
            } else {
                Problem::TooFew {
                    name: p.name,
                    min: p.min,
                    found,
                }
            });
        }
    }
    out
}

/// The element names acceptable next in state `st`.
pub(super) fn expected(
    st: &State,
    comp: Compositor,
    cmax: u32,
    ps: &'static [ElementDecl],
) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    let mut add = |name: &'static str| {
        if !names.contains(&name) {
            names.push(name);
        }
    };
    match comp {
        Compositor::All => {
            for (j, p) in ps.iter().enumerate() {
                if st.seen & bit(j) == 0 {
                    add(p.name);
                }
            }
        }
        Compositor::Choice => {
            let current = ps.get(st.idx).filter(|_| st.started);
            if let Some(p) = current {
                if st.count < p.max {
                    add(p.name);
                }
            }
            let can_start = match current {
                Some(p) => st.count >= p.min && st.reps.saturating_add(1) < cmax,
                None => cmax > 0,
            };
            if can_start {
                ps.iter().for_each(|p| add(p.name));
            }
        }
        Compositor::Sequence => {
            let current = ps.get(st.idx);
            if let Some(p) = current {
                if st.count < p.max {
                    add(p.name);
                }
            }
            if !matches!(current, Some(p) if st.count < p.min) {
                for p in ps.iter().skip(st.idx + 1) {
                    add(p.name);
                    if p.min > 0 {
                        break;
                    }
                }
            }
            if st.started && seq_complete(st, ps) && st.reps.saturating_add(1) < cmax {
                for p in ps {
                    add(p.name);
                    if p.min > 0 {
                        break;
                    }
                }
            }
        }
    }
    names
}

/// The problems at the end of the element.
pub(super) fn finish(
    st: &State,
    comp: Compositor,
    cmin: u32,
    ps: &'static [ElementDecl],
) -> Vec<Problem> {
    let mut out = Vec::new();
    let emptiable = match comp {
        Compositor::Choice => ps.is_empty() || ps.iter().any(|p| p.min == 0),
        Compositor::Sequence | Compositor::All => ps.iter().all(|p| p.min == 0),
    };
    match comp {
        Compositor::All => {
            if st.started || cmin > 0 {
                for (j, p) in ps.iter().enumerate() {
                    if j < 128 && p.min > 0 && st.seen & bit(j) == 0 {
                        out.push(Problem::Missing(p.name));
                    }
                }
            }
        }
        Compositor::Sequence => {
            if st.started {
                out.extend(skipped(st, ps, ps.len()));
                let total = st.reps.saturating_add(1);
                if total < cmin && !emptiable {
                    out.push(Problem::TooFewRepetitions {
                        min: cmin,
                        found: total,
                    });
                }
            } else if cmin > 0 {
                out.extend(
                    ps.iter()
                        .filter(|p| p.min > 0)
                        .map(|p| Problem::Missing(p.name)),
                );
            }
        }
        Compositor::Choice => {
            if let Some(p) = ps.get(st.idx).filter(|_| st.started) {
                if st.count < p.min {
                    out.push(Problem::TooFew {
                        name: p.name,
                        min: p.min,
                        found: st.count,
                    });
                }
            }
            let total = st.reps.saturating_add(u32::from(st.started));
            if total < cmin && !emptiable {
                out.push(if total == 0 {
                    Problem::MissingOneOf(ps)
                } else {
                    Problem::TooFewRepetitions {
                        min: cmin,
                        found: total,
                    }
                });
            }
        }
    }
    out
}
