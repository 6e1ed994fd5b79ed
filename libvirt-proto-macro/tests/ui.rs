//! Compile-fail tests of `include_protocol!`'s diagnostics, and a few small
//! protocols that must compile.
//!
//! Run with `TRYBUILD=overwrite` to regenerate the `.stderr` files, then
//! review every change.

use std::path::{Path, PathBuf};

/// trybuild's project directory, `<target>/tests/trybuild/<crate>/`: the
/// cases are compiled there, with `CARGO_MANIFEST_DIR` pointing at it.
fn trybuild_project_dir() -> PathBuf {
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        // Relative to the current directory, as for the `cargo metadata`
        // trybuild runs from here.
        Some(dir) => std::env::current_dir()
            .expect("current directory")
            .join(dir),
        None => {
            // <target>/debug/deps/ui-<hash>
            let exe = std::env::current_exe().expect("path of the test executable");
            exe.ancestors()
                .nth(3)
                .expect("the test executable is in <target>/<profile>/deps")
                .to_path_buf()
        }
    };
    target
        .join("tests")
        .join("trybuild")
        .join(env!("CARGO_PKG_NAME"))
}

/// Makes `protocols/` in trybuild's project directory the fixtures folder,
/// so that the cases name their `.x` files `"protocols/x.x"` and the
/// messages (and `.stderr` files) hold no machine-specific path.
fn link_fixtures(project: &Path) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/protocols");
    let link = project.join("protocols");
    std::fs::create_dir_all(project).expect("create trybuild's project directory");
    if std::fs::read_link(&link).is_ok_and(|to| to == fixtures) {
        return;
    }
    if let Ok(meta) = std::fs::symlink_metadata(&link) {
        if meta.is_dir() {
            std::fs::remove_dir_all(&link).expect("remove an old fixtures folder");
        } else {
            std::fs::remove_file(&link).expect("remove an old fixtures link");
        }
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(&fixtures, &link).expect("link the fixtures folder");
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(&link).expect("create the fixtures folder");
        for entry in std::fs::read_dir(&fixtures).expect("list the fixtures") {
            let entry = entry.expect("list the fixtures");
            std::fs::copy(entry.path(), link.join(entry.file_name())).expect("copy a fixture");
        }
    }
}

#[test]
fn ui() {
    link_fixtures(&trybuild_project_dir());
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/syntax/*.rs");
    t.compile_fail("tests/ui/resolve/*.rs");
    t.compile_fail("tests/ui/programs/*.rs");
    t.compile_fail("tests/ui/annotations/*.rs");
    t.compile_fail("tests/ui/input/*.rs");
}
