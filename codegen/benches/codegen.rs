//! How long code generation of the Chime model takes, end to end and per
//! stage. Run with `cargo bench -p codegen`. The baseline, measured in the
//! same run, is parsing the same file into a `serde_json::Value`: the ratio
//! says how much work the generator adds on top of reading its input.

use std::time::{Duration, Instant};

const RUNS: usize = 30;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut models = vec![root.join("model/chime-sdk-messaging.json")];
    let protocol = root.join("../shared/protocol-tests/restjson1.json");
    if protocol.is_file() {
        models.push(protocol);
    } else {
        println!(
            "SKIPPED the protocol-test model: {} not found",
            protocol.display()
        );
    }
    for path in models {
        let text = std::fs::read_to_string(&path).expect("readable model");
        let baseline = median(
            (0..RUNS)
                .map(|_| {
                    let start = Instant::now();
                    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
                    std::hint::black_box(value);
                    start.elapsed()
                })
                .collect(),
        );
        let mut totals = Vec::new();
        let mut stages = Vec::new();
        for _ in 0..RUNS {
            let start = Instant::now();
            let (crates, timings) = codegen::generate_timed(&text).expect("valid model");
            std::hint::black_box(crates);
            totals.push(start.elapsed());
            stages.push(timings);
        }
        let total = median(totals);
        let stage = |f: fn(&codegen::Timings) -> Duration| median(stages.iter().map(f).collect());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!("{name}: codegen {total:.2?} (median of {RUNS}); parse {:.2?}, ir {:.2?}, emit {:.2?}, format {:.2?}",
            stage(|t| t.parse), stage(|t| t.ir), stage(|t| t.emit), stage(|t| t.format));
        println!(
            "{name}: baseline serde_json::Value parse {baseline:.2?}; codegen / baseline = {:.1}x",
            total.as_secs_f64() / baseline.as_secs_f64()
        );
    }
}
