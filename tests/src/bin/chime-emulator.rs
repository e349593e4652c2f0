//! `chime-emulator`: a local Amazon Chime SDK Messaging emulator.
//!
//! ```text
//! cargo run --release --bin chime-emulator -- --port 8080
//! ```
//!
//! It listens on 127.0.0.1 only and prints `listening on http://127.0.0.1:PORT`
//! once it accepts connections. See `--help` for the flags.

use ::tests::emulator::{Auth, Emulator, Running};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "\
chime-emulator: a local, in-memory Amazon Chime SDK Messaging service (all 51 operations)

USAGE:
    chime-emulator [--port PORT] [--allow-unsigned | --verify-signatures --access-key ID --secret-key SECRET ...]
                   [--admin USER_ARN ...]

OPTIONS:
    --port PORT            Port to listen on, on 127.0.0.1 only (default 0: pick a free port).
                           Prints `listening on http://127.0.0.1:PORT` once ready.
    --verify-signatures    Check SigV4 signatures against the keys given with
                           --access-key/--secret-key (pairs, in order; repeatable).
                           Without it, any well-formed SigV4-signed request is accepted.
    --access-key ID        Access key id of a pair (with --verify-signatures).
    --secret-key SECRET    Secret access key of the pair.
    --allow-unsigned       Accept unsigned requests too (by default they get 403
                           MissingAuthenticationTokenException).
    --admin USER_ARN       Treat this AppInstanceUser as an AppInstanceAdmin (repeatable).
    -h, --help             Print this help.

Point a client at it with endpoint URL http://127.0.0.1:PORT, region us-east-1 and any
credentials (or the ones given to --verify-signatures).";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
struct Options {
    port: u16,
    auth: Auth,
    admins: Vec<String>,
}

/// Parses the arguments after the program name. `Ok(None)` means `--help`.
fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, String> {
    let mut port = None;
    let mut verify = false;
    let mut allow_unsigned = false;
    let mut access_keys = Vec::new();
    let mut secret_keys = Vec::new();
    let mut admins = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        // `--flag=value` and `--flag value` both work.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone().or_else(|| args.next()) {
                Some(v) => Ok(v),
                None => Err(format!("{name} needs a value")),
            }
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--port" => {
                let text = value("--port")?;
                let parsed = text
                    .parse::<u16>()
                    .map_err(|_| format!("--port: `{text}` is not a port number (0 to 65535)"))?;
                if port.replace(parsed).is_some() {
                    return Err("--port given twice".to_owned());
                }
            }
            "--verify-signatures" | "--allow-unsigned" if inline.is_some() => {
                return Err(format!("{flag} takes no value"));
            }
            "--verify-signatures" => verify = true,
            "--allow-unsigned" => allow_unsigned = true,
            "--access-key" => access_keys.push(value("--access-key")?),
            "--secret-key" => secret_keys.push(value("--secret-key")?),
            "--admin" => {
                let arn = value("--admin")?;
                ::tests::emulator::arn::user(&arn, "--admin").map_err(|e| e.message)?;
                admins.push(arn);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if access_keys.len() != secret_keys.len() {
        return Err("--access-key and --secret-key must come in pairs".to_owned());
    }
    if access_keys.iter().chain(&secret_keys).any(String::is_empty) {
        return Err("access keys and secret keys must not be empty".to_owned());
    }
    let auth = match (verify, allow_unsigned) {
        (true, true) => {
            return Err("--verify-signatures and --allow-unsigned exclude each other".to_owned())
        }
        (true, false) if access_keys.is_empty() => {
            return Err(
                "--verify-signatures needs at least one --access-key/--secret-key pair".to_owned(),
            )
        }
        (true, false) => Auth::Verify(
            access_keys
                .into_iter()
                .zip(secret_keys)
                .collect::<BTreeMap<_, _>>(),
        ),
        (false, _) if !access_keys.is_empty() => {
            return Err(
                "--access-key/--secret-key are only used with --verify-signatures".to_owned(),
            )
        }
        (false, true) => Auth::AllowUnsigned,
        (false, false) => Auth::WellFormed,
    };
    Ok(Some(Options {
        port: port.unwrap_or(0),
        auth,
        admins,
    }))
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("chime-emulator: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("chime-emulator: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let emulator = Emulator::new();
        for admin in &options.admins {
            if let Err(e) = emulator.add_app_instance_admin(admin) {
                eprintln!("chime-emulator: {}", e.message);
                return ExitCode::from(2);
            }
        }
        let running = match Running::start(emulator, options.port, &options.auth).await {
            Ok(running) => running,
            Err(e) => {
                eprintln!(
                    "chime-emulator: cannot listen on 127.0.0.1:{}: {e}",
                    options.port
                );
                return ExitCode::FAILURE;
            }
        };
        let mut stdout = std::io::stdout();
        // Nobody may be reading stdout; the server runs on regardless.
        let _ = writeln!(stdout, "listening on {}", running.url());
        let _ = stdout.flush();
        match running.wait().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("chime-emulator: the server stopped: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Option<Options>, String> {
        parse(list.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_flags() {
        let options = args(&[]).unwrap().unwrap();
        assert_eq!(options.port, 0);
        assert_eq!(options.auth, Auth::WellFormed);
        assert_eq!(args(&["--port", "8080"]).unwrap().unwrap().port, 8080);
        assert_eq!(args(&["--port=9"]).unwrap().unwrap().port, 9);
        assert_eq!(
            args(&["--allow-unsigned"]).unwrap().unwrap().auth,
            Auth::AllowUnsigned
        );
        let verify = args(&[
            "--verify-signatures",
            "--access-key",
            "A",
            "--secret-key",
            "S",
            "--access-key=B",
            "--secret-key=T",
        ])
        .unwrap()
        .unwrap();
        let keys: BTreeMap<String, String> = [("A", "S"), ("B", "T")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(verify.auth, Auth::Verify(keys));
        assert_eq!(args(&["--help"]).unwrap(), None);
    }

    #[test]
    fn bad_arguments_are_errors() {
        for bad in [
            &["--port"][..],
            &["--port", "x"],
            &["--port", "70000"],
            &["--port", "1", "--port", "2"],
            &["--verify-signatures"],
            &["--verify-signatures", "--access-key", "A"],
            &["--access-key", "A", "--secret-key", "S"],
            &[
                "--verify-signatures",
                "--allow-unsigned",
                "--access-key",
                "A",
                "--secret-key",
                "S",
            ],
            &["--allow-unsigned=yes"],
            &[
                "--admin",
                "arn:aws:chime:us-east-1:123456789012:app-instance/a",
            ],
            &["--bogus"],
            &["serve"],
        ] {
            assert!(args(bad).is_err(), "{bad:?}");
        }
    }
}
