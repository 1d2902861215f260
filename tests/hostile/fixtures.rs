//! Builds the hostile library at test time (nothing large is committed): one file per case, each named with its
//! episode number so a case can be found in any output, plus what the case should come to.

use std::fs;
use std::path::Path;

/// What loading a case should come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// The file is readable: it becomes an episode with this number.
    Loads(u32),
    /// The file is refused, named in `errors` with a reason containing this text.
    Refused(&'static str),
}

/// One hostile case: a file (or folder, or link) in the library.
pub struct Case {
    pub name: &'static str,
    /// File name inside the library, as raw bytes (some names are not UTF-8).
    pub file: Vec<u8>,
    pub expect: Expect,
    /// Writes the case into the library folder at `path`.
    pub make: fn(&Path),
}

/// Terminal sequences that would do something if they reached a terminal.
pub const NASTIES: &[&str] = &[
    "\x1b[2J\x1b[H",          // clear screen, cursor home
    "\x1b]0;pwned\x07",       // set window title (BEL-terminated OSC)
    "\x1b]2;pwned\x1b\\",     // set window title (ST-terminated OSC)
    "\x1b]52;c;cHduZWQ=\x07", // OSC 52: write "pwned" to the clipboard
    "\u{9b}31m",              // C1 CSI: red text
    "\u{9d}0;pwned\u{9c}",    // C1 OSC … ST: set title
    "\x1bP+q544e\x1b\\",      // DCS request
    "\x07\x08\x08\x7f",       // BEL, backspaces, DEL
    "\x1b[6n",                // cursor position report: makes the terminal type into stdin
    "\r\x1b[K",               // carriage return + erase line: hides what came before
    "\u{202e}evil\u{202c}",   // right-to-left override
];

fn all_nasties() -> String {
    NASTIES.concat()
}

/// A normal-looking episode whose titles, bodies and link texts are filled by `fill`.
pub fn episode(number: u32, fill: &str) -> String {
    format!(
        "# Python Bytes {number}\n\
         Sponsored by Evil{fill}Corp: [**pythonbytes.fm/evil{fill}**](https://pythonbytes.fm/evil)\n\n\
         **Brian #1:** [**Title one {fill} end**](https://example.com/one)\n\n\
         - Body {fill} with a [link text {fill}](https://example.com/inner) and `code {fill}`\n\
         - Second bullet {fill}\n\n\
         **Michael #2:** [Title two {fill}](https://example.com/two)\n\n\
         - More {fill} body\n\n\
         **Extras**\n\nMichael:\n\n- [Extra {fill}](https://example.com/extra)\n\n\
         **Joke:** [Joke {fill}](https://example.com/joke)\n\n- The punchline {fill}\n"
    )
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    fs::write(dir.join(name), bytes).expect("write fixture");
}

/// Deterministic bytes (xorshift), so a failure can be replayed.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed.to_le_bytes()[3]
        })
        .collect()
}

fn unix_name(name: &[u8]) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    std::path::PathBuf::from(std::ffi::OsStr::from_bytes(name))
}

/// Every case. Numbers are 101…; the two files of one number share 111.
#[allow(clippy::too_many_lines)]
pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "empty file",
            file: b"101-empty.md".to_vec(),
            expect: Expect::Refused("empty"),
            make: |d| {
                write(d, "101-empty.md", "");
            },
        },
        Case {
            name: "random binary",
            file: b"102-binary.md".to_vec(),
            expect: Expect::Refused("binary"),
            make: |d| write(d, "102-binary.md", noise(64 * 1024, 0x5eed)),
        },
        Case {
            name: "Latin-1 bytes",
            file: b"103-latin1.md".to_vec(),
            expect: Expect::Refused("not UTF-8"),
            make: |d| write(d, "103-latin1.md", b"# Python Bytes 103\n\n**Brian #1:** Caf\xe9 na\xefve r\xe9sum\xe9\n"),
        },
        Case {
            name: "CRLF line endings",
            file: b"104-crlf.md".to_vec(),
            expect: Expect::Loads(104),
            make: |d| write(d, "104-crlf.md", episode(104, "crlf").replace('\n', "\r\n")),
        },
        Case {
            name: "byte-order mark",
            file: b"105-bom.md".to_vec(),
            expect: Expect::Loads(105),
            make: |d| write(d, "105-bom.md", format!("\u{feff}{}", episode(105, "bom"))),
        },
        Case {
            name: "ESC/CSI/OSC/C1/BEL/BS/DEL in titles, bodies, link texts",
            file: b"106-escapes.md".to_vec(),
            expect: Expect::Loads(106),
            make: |d| write(d, "106-escapes.md", episode(106, &all_nasties())),
        },
        Case {
            name: "3,000-deep nested lists (indented, one-line, blockquotes)",
            file: b"107-deep.md".to_vec(),
            expect: Expect::Loads(107),
            make: |d| {
                let mut s = episode(107, "deep");
                for i in 0..3000 {
                    s.push_str(&"  ".repeat(i));
                    s.push_str("- level\n");
                }
                s.push('\n');
                s.push_str(&"- ".repeat(3000));
                s.push_str("one line\n\n");
                s.push_str(&"> ".repeat(3000));
                s.push_str("quoted\n\n");
                s.push_str(&"*".repeat(3000));
                s.push_str("emphasis\n");
                write(d, "107-deep.md", s);
            },
        },
        Case {
            name: "16 MB file",
            file: b"108-huge.md".to_vec(),
            expect: Expect::Loads(108),
            make: |d| {
                let mut s = String::from("# Python Bytes 108\n\n");
                let mut n = 1;
                while s.len() < 16 * 1024 * 1024 {
                    let who = if n % 2 == 0 { "Michael" } else { "Brian" };
                    s.push_str(&format!(
                        "**{who} #{n}:** [Segment {n}](https://example.com/{n})\n\n- point one [x](https://x.org/{n})\n- \
                         point two with some text to make the line a little longer than it needs to be\n\n"
                    ));
                    n += 1;
                }
                write(d, "108-huge.md", s);
            },
        },
        Case {
            name: "2 MB single line",
            file: b"109-longline.md".to_vec(),
            expect: Expect::Loads(109),
            make: |d| {
                let mut s = String::from("# Python Bytes 109\n\n**Brian #1:** [Long](https://example.com/long)\n\n");
                while s.len() < 2 * 1024 * 1024 {
                    s.push_str("word [link](https://example.com/l) `code` **bold** é中👍 ");
                }
                write(d, "109-longline.md", s);
            },
        },
        Case {
            name: "symlink pointing at itself",
            file: b"110-loop.md".to_vec(),
            expect: Expect::Refused("link loop"),
            make: |d| std::os::unix::fs::symlink("110-loop.md", d.join("110-loop.md")).expect("symlink"),
        },
        Case {
            name: "directory named x.md",
            file: b"x.md".to_vec(),
            expect: Expect::Refused("folder"),
            make: |d| fs::create_dir(d.join("x.md")).expect("mkdir"),
        },
        Case {
            name: "two files with one episode number (first)",
            file: b"111-a.md".to_vec(),
            expect: Expect::Loads(111),
            make: |d| write(d, "111-a.md", episode(111, "first copy")),
        },
        Case {
            name: "two files with one episode number (second)",
            file: b"111-b.md".to_vec(),
            expect: Expect::Loads(111),
            make: |d| write(d, "111-b.md", episode(111, "second copy")),
        },
        Case {
            name: "unclosed links, code fences, HTML comments",
            file: b"112-unclosed.md".to_vec(),
            expect: Expect::Loads(112),
            make: |d| {
                let s = format!(
                    "{}\n**Brian #3:** [Unclosed link](https://example.com/open\n\n- [text without end\n- <https://auto\n\
                     - ![img](\n\n<!-- never closed\n\n```python\nprint('fence never closed')\n",
                    episode(112, "unclosed")
                );
                write(d, "112-unclosed.md", s);
            },
        },
        Case {
            name: "RTL text",
            file: b"113-rtl.md".to_vec(),
            expect: Expect::Loads(113),
            make: |d| write(d, "113-rtl.md", episode(113, "مرحبا بالعالم שלום עולם")),
        },
        Case {
            name: "emoji with joiners, combining marks, zero-width characters",
            file: b"114-emoji.md".to_vec(),
            expect: Expect::Loads(114),
            make: |d| {
                let fill = "👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇯🇵 e\u{301} Z\u{335}\u{30d}\u{31c}\u{33a}a\u{36f}\u{353} zero\u{200b}width\u{200d}\u{2060}\u{feff}end 全角";
                write(d, "114-emoji.md", episode(114, fill));
            },
        },
        Case {
            name: "NUL past the binary sniff window",
            file: b"115-late-nul.md".to_vec(),
            expect: Expect::Loads(115),
            make: |d| {
                let mut s = episode(115, "late nul");
                s.push_str(&"padding ".repeat(2000));
                s.push_str("\0\0 after nul\n");
                write(d, "115-late-nul.md", s);
            },
        },
        Case {
            name: "larger than the size limit (sparse)",
            file: b"116-sparse.md".to_vec(),
            expect: Expect::Refused("limit"),
            make: |d| {
                let f = fs::File::create(d.join("116-sparse.md")).expect("create");
                f.set_len(shownotes::library::MAX_FILE_BYTES + 1).expect("set_len");
            },
        },
        Case {
            name: "invalid UTF-8 at the very end",
            file: b"117-truncated.md".to_vec(),
            expect: Expect::Refused("not UTF-8"),
            make: |d| {
                let mut b = episode(117, "truncated").into_bytes();
                b.extend_from_slice("中".as_bytes().split_at(2).0);
                write(d, "117-truncated.md", b);
            },
        },
        Case {
            name: "file name that is not UTF-8",
            file: b"118-\xff\xfe.md".to_vec(),
            expect: Expect::Loads(118),
            make: |d| fs::write(d.join(unix_name(b"118-\xff\xfe.md")), episode(118, "odd name")).expect("write"),
        },
        Case {
            name: "escape sequences in the file name",
            file: b"\x1b]0;pwned\x07\x1b[2J-119.md".to_vec(),
            expect: Expect::Loads(119),
            make: |d| {
                fs::write(d.join(unix_name(b"\x1b]0;pwned\x07\x1b[2J-119.md")), episode(119, "escaped name"))
                    .expect("write");
            },
        },
        Case {
            name: "unreadable-name escape sequences in a refused file",
            file: b"\x1b[2J\x9b.md".to_vec(),
            expect: Expect::Refused("empty"),
            make: |d| fs::write(d.join(unix_name(b"\x1b[2J\x9b.md")), "   \n\t\n").expect("write"),
        },
        Case {
            name: "named pipe (FIFO) called 120-fifo.md",
            file: b"120-fifo.md".to_vec(),
            expect: Expect::Refused("not a regular file"),
            make: |d| {
                let ok = std::process::Command::new("mkfifo").arg(d.join("120-fifo.md")).status().expect("mkfifo");
                assert!(ok.success(), "mkfifo failed");
            },
        },
        Case {
            name: "symlink to /dev/zero (endless)",
            file: b"121-zero.md".to_vec(),
            expect: Expect::Refused("not a regular file"),
            make: |d| std::os::unix::fs::symlink("/dev/zero", d.join("121-zero.md")).expect("symlink"),
        },
        Case {
            name: "dangling symlink",
            file: b"122-dangling.md".to_vec(),
            expect: Expect::Refused("dangling"),
            make: |d| std::os::unix::fs::symlink("nowhere/at/all.md", d.join("122-dangling.md")).expect("symlink"),
        },
    ]
}

/// Lay out the cases into `dir`.
pub fn build(dir: &Path, cases: &[Case]) {
    for case in cases {
        (case.make)(dir);
    }
}
