//! Coverage-guided fuzzing of the parser, the sanitizer and the plain-text writer on arbitrary bytes:
//! `cargo fuzz run parse_episode` (needs cargo-fuzz; see the README).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = shownotes::library::decode(data) else { return };
    let Ok(episode) = shownotes::parse::parse_episode(text) else { return };
    for pair in episode.segments.windows(2) {
        assert!(pair[0].line <= pair[1].line, "segments out of source order");
    }
    let mut out = Vec::new();
    shownotes::cli::output::show(&episode, shownotes::cli::Format::Text, &mut out).expect("write to memory");
    let printed = String::from_utf8(out).expect("the writer prints UTF-8");
    assert!(!printed.chars().any(|c| c.is_control() && c != '\n'), "a control character reached the output");
});
