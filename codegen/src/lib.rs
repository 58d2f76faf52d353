//! The generator behind `qualys-was-types`.
//!
//! Stages, each with a typed boundary:
//! 1. **read** ([`lower`]): xsd-parser parses each XSD and interprets it into meta types;
//! 2. **lower** ([`lower`]): meta types become our IR ([`ir::TypeSpace`]);
//! 3. **passes** ([`passes`]): dedup across schemas, boxing, name checks;
//! 4. **render** (`render`): IR to tokens with `quote`;
//! 5. **emit** ([`emit`]): prettyplease, header, write or check.
//!
//! The IR is also what `cargo xtask schema-diff` compares.

#![warn(missing_docs)]

pub mod diff;
pub mod emit;
pub mod error;
pub mod ir;
pub mod lower;
pub mod naming;
pub mod passes;
mod render;

use std::path::{Path, PathBuf};

pub use error::Error;
use ir::TypeSpace;

/// The schema files the generator reads, in order.
pub const SCHEMA_FILES: [&str; 4] = [
    "finding.xsd",
    "optionprofile.xsd",
    "report.xsd",
    "wasscan.xsd",
];

/// Reads every schema of [`SCHEMA_FILES`] present in `dir` into one IR, before passes.
pub fn load(dir: &Path) -> Result<TypeSpace, Error> {
    let mut inputs = Vec::new();
    for file in SCHEMA_FILES {
        let path = dir.join(file);
        match std::fs::read_to_string(&path) {
            Ok(text) => inputs.push((file.to_string(), text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(error::EmitError::Io { path, source }.into()),
        }
    }
    load_texts(&inputs)
}

/// Reads schemas given as `(file name, text)` pairs into one IR, before passes. Each
/// file's stem names its module.
pub fn load_texts(inputs: &[(String, String)]) -> Result<TypeSpace, Error> {
    let mut space = TypeSpace::default();
    for (file, text) in inputs {
        let (schema, types) = lower::read_schema(file, text)?;
        space.types.extend(types);
        space.schemas.insert(schema.name.clone(), schema);
    }
    Ok(space)
}

/// One generated file: its path relative to the output folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The file name, such as `finding.rs`.
    pub name: String,
    /// The formatted contents, header included.
    pub contents: String,
}

/// Runs the passes and renders every module of an IR.
pub fn generate(mut space: TypeSpace) -> Result<Vec<GeneratedFile>, Error> {
    passes::dedup(&mut space);
    passes::check_names(&space)?;
    let boxed = passes::boxed_fields(&space);
    let ctx = render::Ctx {
        space: &space,
        boxed: &boxed,
    };
    let mut files = Vec::new();
    let modules = space.modules();
    for module in &modules {
        let tokens = render::render_module(&ctx, module)?;
        let sources = module_sources(&space, module);
        let doc = if module == ir::SHARED_MODULE {
            " Types that several schemas define identically, emitted once.".to_string()
        } else {
            format!(" Types of `{module}.xsd`, with its validator tables.")
        };
        let tokens = quote::quote!(#![doc = #doc] #tokens);
        files.push(GeneratedFile {
            name: format!("{module}.rs"),
            contents: emit::format_module(module, &sources, tokens)?,
        });
    }
    let mods = modules.iter().map(|m| quote::format_ident!("{}", m));
    let mod_tokens = quote::quote! {
        #![doc = " Code generated from `schemas/`; see the `codegen` crate."]
        #(pub mod #mods;)*
    };
    let all_sources: Vec<String> = space.schemas.values().map(|s| s.file.clone()).collect();
    files.push(GeneratedFile {
        name: "mod.rs".to_string(),
        contents: emit::format_module("mod", &all_sources, mod_tokens)?,
    });
    Ok(files)
}

fn module_sources(space: &TypeSpace, module: &str) -> Vec<String> {
    if let Some(s) = space.schemas.get(module) {
        return vec![s.file.clone()];
    }
    let mut sources: Vec<String> = space
        .module_types(module)
        .flat_map(|t| t.sources.iter().cloned())
        .collect();
    sources.sort();
    sources.dedup();
    sources
}

/// Generates from `schemas_dir` and writes (or checks) `out_dir`. Returns the stale
/// files: rewritten in [`emit::Mode::Write`], only listed in [`emit::Mode::Check`].
pub fn run(schemas_dir: &Path, out_dir: &Path, mode: emit::Mode) -> Result<Vec<PathBuf>, Error> {
    let files = generate(load(schemas_dir)?)?;
    let mut stale = Vec::new();
    let mut expected = Vec::new();
    for file in &files {
        let path = out_dir.join(&file.name);
        if emit::ensure_file_contents(&path, &file.contents, mode)? {
            stale.push(path.clone());
        }
        expected.push(path);
    }
    for stray in emit::stray_files(out_dir, &expected)? {
        if mode == emit::Mode::Write {
            std::fs::remove_file(&stray).map_err(|source| error::EmitError::Io {
                path: stray.clone(),
                source,
            })?;
        }
        stale.push(stray);
    }
    Ok(stale)
}
