//! One small fixture model per feature, its generated code pinned with insta.
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always`).

use std::path::Path;

fn generated(fixture: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let crates = codegen::generate(&text).unwrap_or_else(|e| panic!("{fixture}: {e}"));
    let mut out = String::new();
    for krate in crates {
        for (file, contents) in &krate.files.0 {
            // The runtime is copied verbatim and tested on its own.
            if file.starts_with("src/rt/") {
                continue;
            }
            out.push_str(&format!("==== {}/{file}\n{contents}\n", krate.name));
        }
    }
    out
}

macro_rules! fixture_snapshot {
    ($name:ident, $file:literal) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(generated($file));
        }
    };
}

fixture_snapshot!(enums, "enums.json");
fixture_snapshot!(structures, "structures.json");
fixture_snapshot!(bindings, "bindings.json");
fixture_snapshot!(mixins_and_pagination, "mixins_paging.json");
fixture_snapshot!(prelude_names, "prelude_names.json");
