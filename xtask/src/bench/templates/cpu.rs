// Process CPU time (user + sys) from getrusage(RUSAGE_SELF), without a
// dependency: std already links the C library. Shared verbatim by both
// benchmark clients so the two sides measure themselves the same way.
mod cpu {
    #[repr(C)]
    struct Rusage {
        utime: [i64; 2],
        stime: [i64; 2],
        rest: [i64; 14],
    }

    extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }

    /// CPU time used by this process so far, in microseconds.
    pub fn micros() -> u64 {
        let mut usage = Rusage { utime: [0; 2], stime: [0; 2], rest: [0; 14] };
        // SAFETY: `usage` is a writable struct of the C layout of
        // `struct rusage` on 64-bit Linux; RUSAGE_SELF is 0.
        let rc = unsafe { getrusage(0, &mut usage) };
        if rc != 0 {
            return 0;
        }
        let us = |t: [i64; 2]| (t[0] * 1_000_000 + t[1]) as u64;
        us(usage.utime) + us(usage.stime)
    }
}

/// `--calls N --endpoint URL [--warmup W]`.
fn options() -> Option<(u64, u64, String)> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut calls, mut warmup, mut endpoint) = (None, 50, None);
    let mut i = 0;
    while i + 1 < args.len() {
        match args[i].as_str() {
            "--calls" => calls = args[i + 1].parse().ok(),
            "--warmup" => warmup = args[i + 1].parse().ok()?,
            "--endpoint" => endpoint = Some(args[i + 1].clone()),
            _ => return None,
        }
        i += 2;
    }
    Some((calls?, warmup, endpoint?))
}

/// Prints one measured line that `cargo xtask bench` parses.
fn report(operation: &str, calls: u64, started: std::time::Instant, cpu_start: u64) {
    let wall = started.elapsed().as_micros();
    let cpu = cpu::micros().saturating_sub(cpu_start);
    println!("bench {operation} calls={calls} wall_us={wall} cpu_us={cpu}");
}
