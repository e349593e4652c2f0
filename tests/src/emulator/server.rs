//! Serving the emulator over HTTP through the generated router.

use super::Emulator;
use chime_sdk_messaging::rt::server::Router;
use chime_sdk_messaging::server::Dispatcher;
use std::collections::BTreeMap;
use std::net::SocketAddr;

/// How requests must be signed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Auth {
    /// Every request must carry a well-formed SigV4 `Authorization`
    /// header, with any credentials; the signature is not checked. Unsigned
    /// requests get 403 `MissingAuthenticationTokenException`.
    #[default]
    WellFormed,
    /// Every request must be SigV4-signed with one of these access key ids
    /// (mapped to their secrets); others get 403.
    Verify(BTreeMap<String, String>),
    /// Anything goes, signed or not.
    AllowUnsigned,
}

/// The generated router over `emulator`, with `auth`'s signature rules.
pub fn router(emulator: Emulator, auth: &Auth) -> Router<Dispatcher<Emulator>> {
    let router = chime_sdk_messaging::server::router(emulator);
    match auth {
        Auth::WellFormed => router.with_signed_requests_required(),
        Auth::Verify(keys) => {
            let keys = keys.clone();
            router.with_signature_verification(move |id| keys.get(id).cloned())
        }
        Auth::AllowUnsigned => router,
    }
}

/// An emulator serving on a loopback port, until dropped or
/// [`Running::shutdown`].
#[derive(Debug)]
pub struct Running {
    addr: SocketAddr,
    emulator: Emulator,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Running {
    /// Binds `127.0.0.1:port` (0 picks a free port) and serves `emulator`
    /// on a task of the current tokio runtime.
    pub async fn start(emulator: Emulator, port: u16, auth: &Auth) -> std::io::Result<Running> {
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let router = router(emulator.clone(), auth);
        let task = tokio::spawn(router.serve_with_shutdown(listener, async move {
            // A dropped sender stops the server too.
            let _ = stopped.await;
        }));
        Ok(Running {
            addr,
            emulator,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, for a client's endpoint URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The emulator behind it, to inspect or seed its state.
    pub fn emulator(&self) -> &Emulator {
        &self.emulator
    }

    /// Stops accepting connections and waits for the server task.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.task.take() {
            Some(task) => task.await.unwrap_or(Ok(())),
            None => Ok(()),
        }
    }

    /// Serves until the task ends (which it does only on a fatal accept
    /// error).
    pub async fn wait(mut self) -> std::io::Result<()> {
        match self.task.take() {
            Some(task) => task.await.unwrap_or(Ok(())),
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
