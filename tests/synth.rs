//! Synthetic documents that set every element and attribute a schema declares.
//!
//! Built from the generated validator tables, so they follow the schema as the crate
//! sees it: every optional element and attribute present, repeated elements twice,
//! one branch of each choice (`variant` picks which), sample values valid for their
//! type and facets, text with characters that need escaping, and CDATA text that
//! contains `]]>`.

use qualys_was_types::model::{
    Builtin, ComplexDecl, Compositor, ContentDecl, ElementDecl, SchemaModel, SimpleDecl, TypeRef,
    UNBOUNDED,
};

/// Elements nested deeper than this are left out when optional.
const MAX_DEPTH: usize = 24;

/// A sample value of `ty`; `variant` rotates through enumeration values.
pub fn sample_value(ty: &SimpleDecl, variant: usize) -> String {
    if !ty.enumeration.is_empty() {
        return ty.enumeration[variant % ty.enumeration.len()].to_string();
    }
    match ty.base {
        Builtin::String => {
            let base = if ty.name == "Cdata" {
                "CDATA text with ]]> inside & <markup>".to_string()
            } else {
                format!("text {variant} & <escaped> \"quoted\"")
            };
            let min = ty.min_length.unwrap_or(0) as usize;
            let max = ty.max_length.map_or(usize::MAX, |m| m as usize);
            let mut s: String = base.chars().take(max).collect();
            while s.chars().count() < min {
                s.push('x');
            }
            s
        }
        Builtin::Int | Builtin::Long => {
            let preferred: i64 = if ty.base == Builtin::Int {
                7
            } else {
                1_234_567_890_123
            };
            let lo = ty.min_inclusive.unwrap_or(i64::MIN);
            let hi = ty.max_inclusive.unwrap_or(i64::MAX);
            preferred.clamp(lo, hi).to_string()
        }
        Builtin::Boolean => if variant.is_multiple_of(2) {
            "true"
        } else {
            "false"
        }
        .to_string(),
        Builtin::DateTime => "2020-01-30T18:20:49Z".to_string(),
        Builtin::Date => "2020-01-30".to_string(),
        Builtin::Decimal => "7.5".to_string(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn cdata(s: &str) -> String {
    format!("<![CDATA[{}]]>", s.replace("]]>", "]]]]><![CDATA[>"))
}

struct Synth {
    model: &'static SchemaModel,
    variant: usize,
    out: String,
}

impl Synth {
    fn text(&mut self, ty: &SimpleDecl) {
        let v = sample_value(ty, self.variant);
        let t = if ty.name == "Cdata" {
            cdata(&v)
        } else {
            escape(&v)
        };
        self.out.push_str(&t);
    }

    fn element(&mut self, decl: &ElementDecl, depth: usize) {
        self.out.push('<');
        self.out.push_str(decl.name);
        match decl.ty {
            TypeRef::Simple(s) => {
                self.out.push('>');
                self.text(s);
            }
            TypeRef::Complex(i) => {
                let ty: &ComplexDecl = &self.model.complex_types[i as usize];
                for a in ty.attributes {
                    let v = escape(&sample_value(a.ty, self.variant));
                    self.out.push_str(&format!(" {}=\"{v}\"", a.name));
                }
                self.out.push('>');
                match &ty.content {
                    ContentDecl::Empty => {}
                    ContentDecl::Simple(s) => self.text(s),
                    ContentDecl::Elements {
                        compositor,
                        max,
                        particles,
                        ..
                    } => {
                        let rounds = if *max > 1 || *max == UNBOUNDED { 2 } else { 1 };
                        for round in 0..rounds {
                            match compositor {
                                Compositor::Choice => {
                                    let p = &particles[(self.variant + round) % particles.len()];
                                    self.particle(p, depth);
                                }
                                _ => {
                                    for p in particles.iter() {
                                        self.particle(p, depth);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.out.push_str("</");
        self.out.push_str(decl.name);
        self.out.push('>');
    }

    fn particle(&mut self, p: &ElementDecl, depth: usize) {
        if depth >= MAX_DEPTH && p.min == 0 {
            return;
        }
        let n = if p.max > 1 { 2 } else { 1 };
        for _ in 0..n.max(p.min.min(2)) {
            self.element(p, depth + 1);
        }
    }
}

/// A document rooted at `root` that sets every element and attribute.
pub fn full_document(model: &'static SchemaModel, root: &ElementDecl, variant: usize) -> String {
    let mut s = Synth {
        model,
        variant,
        out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
    };
    s.element(root, 0);
    s.out
}
