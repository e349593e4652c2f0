//! A Smithy JSON AST to Rust code generator.
//!
//! Data flows one way: [`model`] (a serde mirror of the JSON AST) ->
//! [`ir`] (resolved, normalised, validated) -> [`emit`] (tokens) ->
//! [`write`] (formatted files). Only `ir` makes decisions.

pub mod emit;
pub mod ir;
pub mod model;
pub mod names;
pub mod write;

use std::time::{Duration, Instant};

pub use ir::Error;
pub use write::Files;

/// One generated crate.
#[derive(Debug, Clone)]
pub struct Crate {
    /// Cargo package name, also the directory name under `generated/`.
    pub name: String,
    pub files: Files,
    pub shapes: usize,
    pub operations: usize,
}

/// Time spent in each stage, for benchmarks. `emit` and `format` run on
/// several threads and are CPU time summed over them; `total` is wall time.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub parse: Duration,
    pub ir: Duration,
    pub emit: Duration,
    pub format: Duration,
    pub total: Duration,
}

/// Generates one crate per service in a JSON AST document.
pub fn generate(model_json: &str) -> Result<Vec<Crate>, Error> {
    generate_timed(model_json).map(|(crates, _)| crates)
}

/// [`generate`], also reporting how long each stage took.
pub fn generate_timed(model_json: &str) -> Result<(Vec<Crate>, Timings), Error> {
    let mut timings = Timings::default();
    let start_all = Instant::now();
    let start = Instant::now();
    let model = model::Model::from_json(model_json).map_err(|e| Error {
        shape: e.shape,
        message: e.message,
    })?;
    timings.parse = start.elapsed();

    let start = Instant::now();
    let services = ir::build(&model)?;
    timings.ir = start.elapsed();

    let mut crates = Vec::new();
    for service in &services {
        let sources = emit::crate_sources(service);
        let mut files = Files::default();
        files.text("Cargo.toml", write::cargo_toml(service));
        let (emit, format) = files.rust(service, &sources)?;
        timings.emit += emit;
        timings.format += format;
        files.runtime();
        crates.push(Crate {
            name: service.crate_name.clone(),
            files,
            shapes: service.shapes.len(),
            operations: service.operations.len(),
        });
    }
    timings.total = start_all.elapsed();
    let mut names = std::collections::BTreeSet::new();
    for c in &crates {
        if !names.insert(&c.name) {
            return Err(Error::new(
                "",
                format!("two services would both generate the crate `{}`", c.name),
            ));
        }
    }
    Ok((crates, timings))
}
