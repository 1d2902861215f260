//! A library with transcripts, written at test time (included with `#[path]`): episode 700 has a WebVTT
//! transcript with speakers that joins to its three segments at ~01:30, ~02:40 and ~04:20; episode 701's
//! transcript is broken (no `WEBVTT` header); episode 702 has none.
#![allow(dead_code)]

use std::path::Path;

/// The notes of episode 700: three segments whose words the transcript says.
const NOTES_700: &str = "# Episode 700\n\n\
**Ada #1:** [**Zebrafish genomes**](https://example.com/zebrafish)\n\n- Zebrafish genome assembly with long reads.\n\n\
**Brook #2:** [**Quokka packaging**](https://example.com/quokka)\n\n- Quokka builds wheels for every platform.\n\n\
**Ada #3:** [**Narwhal testing**](https://example.com/narwhal)\n\n- Narwhal runs tests in parallel.\n";

/// (start, end, speaker, text) of each cue of episode 700; one cue carries a terminal escape, one runs past
/// an hour.
pub const CUES_700: [(&str, &str, &str, &str); 13] = [
    ("00:00:00.000", "00:00:06.000", "Ada", "Hello and welcome to episode 700, I'm Ada."),
    ("00:00:06.000", "00:00:12.000", "Brook", "And I'm Brook. Great to be here."),
    ("00:00:12.000", "00:01:30.000", "Ada", "Before we start, thanks to everyone who wrote in."),
    ("00:01:30.000", "00:01:34.000", "Brook", "Ada, what have you got for us?"),
    (
        "00:01:34.000",
        "00:01:50.000",
        "Ada",
        "Well, zebrafish genomes. A zebrafish genome assembly done with long reads.",
    ),
    ("00:01:50.000", "00:02:40.000", "Ada", "The zebrafish assembly is almost complete now."),
    ("00:02:40.000", "00:02:44.000", "Ada", "Nice. Over to you, Brook."),
    (
        "00:02:44.000",
        "00:03:10.000",
        "Brook",
        "Quokka packaging. Quokka builds wheels for every platform you can name.",
    ),
    ("00:03:10.000", "00:04:20.000", "Brook", "Quokka wheels,\u{1b}[2J yes, quokka is great at packaging."),
    ("00:04:20.000", "00:04:24.000", "Ada", "Next up, narwhal testing."),
    ("00:04:24.000", "00:05:00.000", "Ada", "Narwhal runs your tests in parallel, narwhal is fast."),
    ("00:05:00.000", "01:00:05.000", "Ada", "Narwhal testing is the parallel one, and that's the show."),
    ("01:00:05.000", "01:00:09.000", "Brook", "Bonus: we kept recording by accident."),
];

/// Write the three episodes and their transcripts into `dir` (the library root).
pub fn write_library(dir: &Path) {
    let transcripts = dir.join("transcripts");
    std::fs::create_dir_all(&transcripts).expect("create transcripts/");
    std::fs::write(dir.join("700.md"), NOTES_700).expect("write 700.md");
    let mut vtt = String::from("WEBVTT\n\n");
    for (start, end, speaker, text) in CUES_700 {
        vtt.push_str(&format!("{start} --> {end}\n<v {speaker}>{text}\n\n"));
    }
    std::fs::write(transcripts.join("700-a-show.vtt"), vtt).expect("write the transcript");
    let one = |n: u32, title: &str| {
        format!("# Episode {n}\n\n**Ada #1:** [**{title}**](https://example.com/{n})\n\n- A note about {title}.\n")
    };
    std::fs::write(dir.join("701.md"), one(701, "Broken things")).expect("write 701.md");
    std::fs::write(transcripts.join("701-broken.vtt"), "00:00:01.000 --> 00:00:02.000\nno header\n")
        .expect("write the broken transcript");
    std::fs::write(dir.join("702.md"), one(702, "Untranscribed")).expect("write 702.md");
}
