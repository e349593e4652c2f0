//! End-to-end and runtime tests live in `tests/tests/`. The runtime that the
//! generator copies into every crate is compiled here on its own.

pub mod emulator;
#[path = "../../codegen/runtime/mod.rs"]
pub mod rt;
