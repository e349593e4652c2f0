//! Printing figures and writing the Markdown report.

use super::build::Build;
use super::codegen::Speed;
use super::Results;
use std::fmt::Write as _;
use std::time::Duration;

const BEGIN: &str =
    "<!-- bench:begin (written by `cargo xtask bench`; edit outside these markers) -->";
const END: &str = "<!-- bench:end -->";

pub fn ratio(ours: f64, official: f64) -> f64 {
    if official > 0.0 {
        ours / official
    } else {
        f64::NAN
    }
}

pub fn bytes(n: u64) -> String {
    format!("{:.2} MiB", n as f64 / 1024.0 / 1024.0)
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

pub fn build_line(b: &Build) -> String {
    format!(
        "wall {}, CPU {}, peak RSS {}, {} crates compiled",
        secs(b.cost.wall),
        secs(b.cost.cpu),
        mib(b.cost.max_rss_kib),
        b.crates
    )
}

pub fn speed_line(s: &Speed) -> String {
    format!(
        "{}: {} operations, {} shapes, {} lines: generate+write {} (parse {}, ir {}, emit {} CPU, format {} CPU, generate {}, write {}), {:.1} µs per operation",
        s.name,
        s.operations,
        s.shapes,
        s.lines,
        ms(s.total),
        ms(s.parse),
        ms(s.ir),
        ms(s.emit),
        ms(s.format),
        ms(s.generate),
        ms(s.write),
        per_op_us(s)
    )
}

fn per_op_us(s: &Speed) -> f64 {
    s.total.as_secs_f64() * 1e6 / s.operations.max(1) as f64
}

/// One row of a side-by-side table.
fn row(out: &mut String, what: &str, ours: String, official: String, ratio: f64) {
    let _ = writeln!(
        out,
        "| {what} | {ours} | {official} | {} |",
        fmt_ratio(ratio)
    );
}

fn fmt_ratio(r: f64) -> String {
    if r.is_finite() {
        format!("{r:.2}")
    } else {
        "–".to_owned()
    }
}

/// A target: what it says, the measured ratio, and whether it is met.
struct Target {
    what: &'static str,
    figure: String,
    met: Option<bool>,
}

fn targets(r: &Results) -> Vec<Target> {
    let mut t = Vec::new();
    let none = |what| Target {
        what,
        figure: "not measured in this run".to_owned(),
        met: None,
    };
    t.push(match &r.builds {
        Some((a, b)) => {
            let x = ratio(
                a.clean_debug.cost.cpu.as_secs_f64(),
                b.clean_debug.cost.cpu.as_secs_f64(),
            );
            Target {
                what: "Clean-build CPU (debug) ≤ 0.25",
                figure: format!("{x:.3}"),
                met: Some(x <= 0.25),
            }
        }
        None => none("Clean-build CPU (debug) ≤ 0.25"),
    });
    t.push(match &r.builds {
        Some((a, b)) => {
            let d = ratio(
                a.sdk_debug.cost.wall.as_secs_f64(),
                b.sdk_debug.cost.wall.as_secs_f64(),
            );
            let rel = ratio(
                a.sdk_release.cost.wall.as_secs_f64(),
                b.sdk_release.cost.wall.as_secs_f64(),
            );
            Target {
                what: "SDK crate recompile (wall, debug and release) ≤ 0.2",
                figure: format!("{d:.3} debug, {rel:.3} release"),
                met: Some(d <= 0.2 && rel <= 0.2),
            }
        }
        None => none("SDK crate recompile (wall, debug and release) ≤ 0.2"),
    });
    t.push(match &r.size {
        Some(s) => {
            let x = ratio(s.ours_client.total as f64, s.official.total as f64);
            Target {
                what: "Generated lines (client features, all lines) ≤ 0.2",
                figure: format!("{x:.3}"),
                met: Some(x <= 0.2),
            }
        }
        None => none("Generated lines (client features, all lines) ≤ 0.2"),
    });
    t.push(match &r.calls {
        Some((a, b)) => {
            let l = ratio(a.list.cpu_us_per_call(), b.list.cpu_us_per_call());
            let s = ratio(a.send.cpu_us_per_call(), b.send.cpu_us_per_call());
            Target {
                what: "Client CPU per call ≤ 0.33, both operations",
                figure: format!("{l:.3} ListChannels, {s:.3} SendChannelMessage"),
                met: Some(l <= 0.33 && s <= 0.33),
            }
        }
        None => none("Client CPU per call ≤ 0.33, both operations"),
    });
    t.push(match r.codegen.first() {
        Some(s) => Target {
            what: "Codegen of the Chime model < 100 ms (generate + write, wall)",
            figure: ms(s.total),
            met: Some(s.total < Duration::from_millis(100)),
        },
        None => none("Codegen of the Chime model < 100 ms (generate + write, wall)"),
    });
    t.push(match &r.scaling[..] {
        [] => none("Codegen grows linearly with operations"),
        scaling => {
            let (exponent, worst) = growth(r.codegen.first(), scaling);
            Target {
                what: "Codegen grows linearly with operations",
                figure: format!("growth exponent {exponent:.2}; time per operation at most {worst:.2}× that of Chime × 1"),
                met: Some(exponent <= 1.15),
            }
        }
    });
    t.push(match &r.server {
        Some(s) => {
            let x = ratio(s.emulator_rps, s.ceiling_rps);
            Target {
                what: "Emulator ≥ 50% of the bare hyper ceiling",
                figure: format!("{:.0}%", x * 100.0),
                met: Some(x >= 0.5),
            }
        }
        None => none("Emulator ≥ 50% of the bare hyper ceiling"),
    });
    t
}

/// The exponent `k` in time ∝ operations^k from the smallest to the
/// largest scale, and the worst time-per-operation relative to Chime × 1.
fn growth(base: Option<&Speed>, scaling: &[Speed]) -> (f64, f64) {
    let first = base.unwrap_or(&scaling[0]);
    let last = &scaling[scaling.len() - 1];
    let k = (last.total.as_secs_f64() / first.total.as_secs_f64()).ln()
        / (last.operations as f64 / first.operations.max(1) as f64).ln();
    let base_per_op = per_op_us(first);
    let worst = scaling
        .iter()
        .map(|s| per_op_us(s) / base_per_op)
        .fold(0.0, f64::max);
    (k, worst)
}

/// The targets as plain text, for the terminal.
pub fn targets_text(r: &Results) -> String {
    let mut out = String::from("targets (ours/official):\n");
    for t in targets(r) {
        let verdict = match t.met {
            Some(true) => "met",
            Some(false) => "MISSED",
            None => "-",
        };
        let _ = writeln!(out, "  {:<62} {:<45} {verdict}", t.what, t.figure);
    }
    out
}

/// The whole report.
pub fn markdown(r: &Results) -> String {
    let mut out = String::new();
    let o = r.options.as_ref();
    if let Some(m) = &r.machine {
        let _ = writeln!(
            out,
            "Run of {}: {} CPUs ({}), {:.1} GiB of memory, {}.",
            m.date, m.cpus, m.cpu_model, m.memory_gib, m.rustc
        );
        let _ = writeln!(
            out,
            "Load average (1 min) {} at the start and {} at the end; the whole run took {:.0} s.\n",
            m.load,
            r.load_after,
            r.elapsed.as_secs_f64()
        );
    }
    if !r.notes.is_empty() {
        out.push_str("Notes from this run:\n\n");
        for n in &r.notes {
            let _ = writeln!(out, "- {}", n.replace('\n', " "));
        }
        out.push('\n');
    }

    out.push_str("### Targets\n\n| target (ours / official) | this run | met |\n|---|---|---|\n");
    for t in targets(r) {
        let verdict = match t.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "–",
        };
        let _ = writeln!(out, "| {} | {} | {verdict} |", t.what, t.figure);
    }

    if let Some((a, b)) = &r.builds {
        out.push_str("\n### 1. Builds\n\nThrowaway binaries in fresh target directories (`target/bench/{ours,official}`); CPU is user + sys of cargo and every process it ran; peak memory is the largest resident set of any one of them (usually a `rustc`).\n\n| | ours | official | ours / official |\n|---|---|---|---|\n");
        for (label, x, y) in [
            ("clean debug", &a.clean_debug, &b.clean_debug),
            ("clean release", &a.clean_release, &b.clean_release),
        ] {
            row(
                &mut out,
                &format!("{label}: wall"),
                secs(x.cost.wall),
                secs(y.cost.wall),
                ratio(x.cost.wall.as_secs_f64(), y.cost.wall.as_secs_f64()),
            );
            row(
                &mut out,
                &format!("{label}: CPU"),
                secs(x.cost.cpu),
                secs(y.cost.cpu),
                ratio(x.cost.cpu.as_secs_f64(), y.cost.cpu.as_secs_f64()),
            );
            row(
                &mut out,
                &format!("{label}: peak memory"),
                mib(x.cost.max_rss_kib),
                mib(y.cost.max_rss_kib),
                ratio(x.cost.max_rss_kib as f64, y.cost.max_rss_kib as f64),
            );
            row(
                &mut out,
                &format!("{label}: crates compiled"),
                x.crates.to_string(),
                y.crates.to_string(),
                ratio(x.crates as f64, y.crates as f64),
            );
        }
        for (label, x, y) in [
            ("SDK crate alone, debug", &a.sdk_debug, &b.sdk_debug),
            ("SDK crate alone, release", &a.sdk_release, &b.sdk_release),
        ] {
            row(
                &mut out,
                &format!("{label}: wall"),
                secs(x.cost.wall),
                secs(y.cost.wall),
                ratio(x.cost.wall.as_secs_f64(), y.cost.wall.as_secs_f64()),
            );
            row(
                &mut out,
                &format!("{label}: CPU"),
                secs(x.cost.cpu),
                secs(y.cost.cpu),
                ratio(x.cost.cpu.as_secs_f64(), y.cost.cpu.as_secs_f64()),
            );
            row(
                &mut out,
                &format!("{label}: peak memory"),
                mib(x.cost.max_rss_kib),
                mib(y.cost.max_rss_kib),
                ratio(x.cost.max_rss_kib as f64, y.cost.max_rss_kib as f64),
            );
        }
        out.push_str(
            "\n(Crates compiled counts cargo's `Compiling` lines, the binary itself included.)\n",
        );
    }

    if let Some(s) = &r.size {
        let _ = write!(out, "\n### 2. Code size\n\nOurs: `generated/chime-sdk-messaging/src`, following `mod` declarations with only the `client` feature on (what a client user compiles). Official: `src/` of `{}` in the cargo registry. Code lines exclude blank and comment-only lines (so documentation).\n\n| | ours | official | ours / official |\n|---|---|---|---|\n", s.official_version);
        row(
            &mut out,
            "lines of Rust (client features)",
            s.ours_client.total.to_string(),
            s.official.total.to_string(),
            ratio(s.ours_client.total as f64, s.official.total as f64),
        );
        row(
            &mut out,
            "code lines (client features)",
            s.ours_client.code.to_string(),
            s.official.code.to_string(),
            ratio(s.ours_client.code as f64, s.official.code as f64),
        );
        row(
            &mut out,
            "files (client features)",
            s.ours_client.files.to_string(),
            s.official.files.to_string(),
            ratio(s.ours_client.files as f64, s.official.files as f64),
        );
        row(
            &mut out,
            "lines of Rust, all features (client + server)",
            s.ours_total.total.to_string(),
            s.official.total.to_string(),
            ratio(s.ours_total.total as f64, s.official.total as f64),
        );
        row(
            &mut out,
            "stripped release binary",
            bytes(s.ours_binary),
            bytes(s.official_binary),
            ratio(s.ours_binary as f64, s.official_binary as f64),
        );
    }

    if let Some((a, b)) = &r.calls {
        let _ = write!(
            out,
            "\n### 3. Per-call cost\n\nEach release client binary makes {} sequential calls of each operation after 50 warm-up calls, against a std-only loopback server with canned responses (a 50-channel ListChannels page; a SendChannelMessage result). CPU is the client process's own user + sys (`getrusage`) over the measured calls. Median of {} runs, sides alternated.\n\n| | ours | official | ours / official |\n|---|---|---|---|\n",
            o.map_or(0, |o| o.calls),
            o.map_or(0, |o| o.runs)
        );
        for (name, x, y) in [
            ("ListChannels", a.list, b.list),
            ("SendChannelMessage", a.send, b.send),
        ] {
            row(
                &mut out,
                &format!("{name}: calls/s"),
                format!("{:.0}", x.per_second()),
                format!("{:.0}", y.per_second()),
                ratio(x.per_second(), y.per_second()),
            );
            row(
                &mut out,
                &format!("{name}: client CPU per call"),
                format!("{:.1} µs", x.cpu_us_per_call()),
                format!("{:.1} µs", y.cpu_us_per_call()),
                ratio(x.cpu_us_per_call(), y.cpu_us_per_call()),
            );
        }
        let each = |p: &super::calls::PerCall, f: fn(&(f64, f64)) -> f64| {
            p.runs
                .iter()
                .map(|r| format!("{:.0}", f(r)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "\nEvery run's CPU µs per call, in order (ListChannels; SendChannelMessage): ours {}; {}. Official {}; {}.",
            each(a, |r| r.0),
            each(a, |r| r.1),
            each(b, |r| r.0),
            each(b, |r| r.1)
        );
    }

    if !r.codegen.is_empty() || !r.scaling.is_empty() {
        out.push_str("\n### 4. Codegen speed\n\n`codegen::generate_timed` in a release build, then writing the files to `target/bench/codegen-out` (medians over the runs in the table). Emit and format run on all cores; their figures are the time of every worker thread added up (so they can exceed the wall time), the others wall time.\n\n| model | runs | operations | shapes | lines out | parse | IR | emit (thread time) | format (thread time) | generate (wall) | write | generate + write | per operation |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for s in r.codegen.iter().chain(&r.scaling) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | **{}** | {:.0} µs |",
                s.name,
                s.runs,
                s.operations,
                s.shapes,
                s.lines,
                ms(s.parse),
                ms(s.ir),
                ms(s.emit),
                ms(s.format),
                ms(s.generate),
                ms(s.write),
                ms(s.total),
                per_op_us(s)
            );
        }
        if !r.scaling.is_empty() {
            let (k, worst) = growth(r.codegen.first(), &r.scaling);
            let _ = writeln!(
                out,
                "\nScaling: time ∝ operations^{k:.2} from Chime × 1 to × {}; the time per operation is at most {worst:.2}× that of Chime × 1 ({}).",
                r.options.as_ref().and_then(|o| o.scales.last().copied()).unwrap_or(0),
                if k <= 1.15 { "linear" } else { "worse than linear" }
            );
        }
    }

    if let Some(s) = &r.server {
        let _ = write!(
            out,
            "\n### 5. Server throughput\n\n{} SendChannelMessage requests over {} keep-alive connections from a one-thread hyper load generator on loopback; median of {} runs, alternated. The ceiling is a bare hyper server on the same multi-thread tokio runtime answering a fixed response.\n\n| | requests/s |\n|---|---|\n| emulator (`chime-emulator`, release) | {:.0} |\n| bare hyper (ceiling) | {:.0} |\n| emulator / ceiling | {:.0}% |\n",
            s.requests,
            s.connections,
            o.map_or(0, |o| o.runs),
            s.emulator_rps,
            s.ceiling_rps,
            ratio(s.emulator_rps, s.ceiling_rps) * 100.0
        );
    }
    out
}

/// Replaces the text between the markers in BENCHMARKS.md (creating the
/// file, or appending the markers, when missing); the rest is kept.
pub fn update_benchmarks_md(path: &std::path::Path, body: &str) -> Result<(), String> {
    let old = std::fs::read_to_string(path)
        .unwrap_or_else(|_| "# Benchmarks\n\nRun `cargo xtask bench`.\n\n".to_owned());
    let block = format!("{BEGIN}\n{body}{END}");
    let new = match (old.find(BEGIN), old.find(END)) {
        (Some(b), Some(e)) if e > b => format!("{}{block}{}", &old[..b], &old[e + END.len()..]),
        _ => format!("{}\n{block}\n", old.trim_end()),
    };
    std::fs::write(path, new).map_err(|e| format!("{}: {e}", path.display()))
}
