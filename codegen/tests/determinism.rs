//! The same model must give byte-identical files, every time.

#[test]
fn generating_twice_gives_identical_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut fixtures: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    fixtures.sort();
    let chime =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/chime-sdk-messaging.json");
    fixtures.push(chime);
    for path in fixtures {
        let text = std::fs::read_to_string(&path).expect("readable model");
        let first = codegen::generate(&text).expect("valid model");
        let second = codegen::generate(&text).expect("valid model");
        assert_eq!(first.len(), second.len());
        for (a, b) in first.iter().zip(&second) {
            assert_eq!(
                a.files,
                b.files,
                "{} differs between two runs",
                path.display()
            );
        }
    }
}
