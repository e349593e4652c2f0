//! Section 4: codegen speed, end to end and per stage, on the Chime model,
//! the protocol-test model and synthetic models with many times Chime's
//! operations. Runs in this (release) process.

use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

/// One run: the stage timings, generate wall time, write time, total.
type Sample = (codegen::Timings, Duration, Duration, Duration);

/// One model's codegen, medians over the runs.
#[derive(Debug, Clone, Default)]
pub struct Speed {
    pub name: String,
    pub operations: usize,
    pub shapes: usize,
    pub lines: usize,
    pub runs: usize,
    pub parse: Duration,
    pub ir: Duration,
    /// CPU time summed over the emit/format threads.
    pub emit: Duration,
    pub format: Duration,
    /// `generate_timed`'s own wall time (parse to formatted files).
    pub generate: Duration,
    pub write: Duration,
    /// Generate + write, wall.
    pub total: Duration,
}

/// Generates `model_json` `runs` times, writing the files under `out`
/// each time, and returns the medians.
pub fn speed(name: &str, model_json: &str, out: &Path, runs: usize) -> Result<Speed, String> {
    let mut samples: Vec<Sample> = Vec::new();
    let mut shape = (0, 0, 0);
    for _ in 0..runs.max(1) {
        let _ = std::fs::remove_dir_all(out);
        let start = Instant::now();
        let (crates, timings) =
            codegen::generate_timed(model_json).map_err(|e| format!("{name}: {e}"))?;
        let generated = start.elapsed();
        let written = Instant::now();
        for krate in &crates {
            for (path, text) in &krate.files.0 {
                let path = out.join(&krate.name).join(path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| format!("{}: {e}", parent.display()))?;
                }
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
        let write = written.elapsed();
        shape = (
            crates.iter().map(|c| c.operations).sum(),
            crates.iter().map(|c| c.shapes).sum(),
            crates.iter().map(|c| c.files.line_count()).sum(),
        );
        drop(crates);
        samples.push((timings, generated, write, start.elapsed()));
    }
    let _ = std::fs::remove_dir_all(out);
    let median = |f: &dyn Fn(&Sample) -> Duration| {
        let mut v: Vec<Duration> = samples.iter().map(f).collect();
        v.sort();
        v[v.len() / 2]
    };
    Ok(Speed {
        name: name.to_owned(),
        operations: shape.0,
        shapes: shape.1,
        lines: shape.2,
        runs: samples.len(),
        parse: median(&|s| s.0.parse),
        ir: median(&|s| s.0.ir),
        emit: median(&|s| s.0.emit),
        format: median(&|s| s.0.format),
        generate: median(&|s| s.0.total),
        write: median(&|s| s.2),
        total: median(&|s| s.3),
    })
}

/// A model with `copies` copies of every shape of `model_json` except the
/// service: copy `k` renames shape `ns#X` to `ns#X_k` (and every reference
/// to it), and prefixes its operations' HTTP paths with `/c{k}` so routes
/// stay distinct. The one service lists every copy's operations and
/// resources.
pub fn scaled(model_json: &str, copies: usize) -> Result<String, String> {
    let model: Value = serde_json::from_str(model_json).map_err(|e| e.to_string())?;
    let shapes = model
        .get("shapes")
        .and_then(Value::as_object)
        .ok_or("the model has no shapes")?;
    let service_id = shapes
        .iter()
        .find(|(_, s)| s.get("type").and_then(Value::as_str) == Some("service"))
        .map(|(id, _)| id.clone())
        .ok_or("the model has no service")?;
    let local: BTreeSet<&str> = shapes
        .keys()
        .map(String::as_str)
        .filter(|id| **id != service_id)
        .collect();
    let mut out = Map::new();
    let mut service = shapes[&service_id].clone();
    let mut listed = std::collections::BTreeMap::<&str, Vec<Value>>::new();
    for k in 1..=copies {
        let rename = |id: &str| format!("{id}_{k}");
        for id in &local {
            let mut shape = shapes[*id].clone();
            rewrite(&mut shape, &local, &rename);
            if let Some(uri) = shape.pointer_mut("/traits/smithy.api#http/uri") {
                if let Some(path) = uri.as_str() {
                    *uri = Value::String(format!("/c{k}{path}"));
                }
            }
            out.insert(rename(id), shape);
        }
        for key in ["operations", "resources"] {
            if let Some(list) = shapes[&service_id].get(key).and_then(Value::as_array) {
                let entry = listed.entry(key).or_default();
                for item in list {
                    let mut item = item.clone();
                    rewrite(&mut item, &local, &rename);
                    entry.push(item);
                }
            }
        }
    }
    if let Some(service) = service.as_object_mut() {
        for (key, list) in listed {
            service.insert(key.to_owned(), Value::Array(list));
        }
    }
    out.insert(service_id, service);
    let mut root = model.as_object().cloned().unwrap_or_default();
    root.insert("shapes".to_owned(), Value::Object(out));
    serde_json::to_string(&Value::Object(root)).map_err(|e| e.to_string())
}

/// Renames every string that is a local shape ID (or `ID$member`).
fn rewrite(value: &mut Value, local: &BTreeSet<&str>, rename: &dyn Fn(&str) -> String) {
    match value {
        Value::String(s) => {
            let (id, member) = s
                .split_once('$')
                .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
            if local.contains(id) {
                *s = match member {
                    Some(m) => format!("{}${m}", rename(id)),
                    None => rename(id),
                };
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite(v, local, rename)),
        Value::Object(map) => map.values_mut().for_each(|v| rewrite(v, local, rename)),
        _ => {}
    }
}
