// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! Hand-written support code shared by every generated item: date-times,
//! base64, JSON and text codecs, and the HTTP client and server.

pub mod base64;
#[cfg(feature = "client")]
pub mod client;
pub mod encoding;
pub mod error;
pub mod json;
#[cfg(feature = "server")]
pub mod server;
#[cfg(any(feature = "client", feature = "server"))]
pub mod sigv4;
pub mod text;
pub mod time;
#[cfg(any(feature = "client", feature = "server"))]
pub mod wire;
