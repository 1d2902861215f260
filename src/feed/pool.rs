//! A few feeds at once on plain threads (no async runtime), with an indicatif bar when stderr is a terminal;
//! and the items of one feed converted and written on the same few threads.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Whether to draw a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Progress {
    /// On stderr, when stderr is a terminal.
    #[default]
    Auto,
    /// Never (tests, benchmarks, scripts).
    Hidden,
}

/// Run `work` on every item with at most `threads` threads; results come back in the items' order.
pub fn run<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    progress: Progress,
    label: impl Fn(&T) -> String + Sync,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let bar = progress_bar(items.len() as u64, progress);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    bar.set_message(label(item));
                    let result = work(item);
                    if let Ok(mut slots) = results.lock() {
                        slots[i] = Some(result);
                    }
                    bar.inc(1);
                }
            });
        }
    });
    bar.finish_and_clear();
    results.into_inner().unwrap_or_default().into_iter().flatten().collect()
}

/// How many threads the CPU-bound parts of one import use: the machine's cores, at most 4.
pub fn cpu_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).min(4)
}

/// `work(&mut state, item)` for every item on at most `threads` threads, each with its own `state` from `init`
/// (an htmd converter, say); results come back in the items' order. Items are handed out in small runs, so a
/// few slow ones do not leave a thread idle, and a list too short to be worth a thread runs on this one.
pub fn map<T: Sync, S, R: Send>(
    items: &[T],
    threads: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().div_ceil(MIN_RUN).max(1));
    if threads == 1 {
        let mut state = init();
        return items.iter().map(|item| work(&mut state, item)).collect();
    }
    let run = items.len().div_ceil(threads * 4).max(1);
    let runs: Vec<&[T]> = items.chunks(run).collect();
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Vec<R>)>> = Mutex::new(Vec::with_capacity(runs.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut state = init();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(part) = runs.get(i) else { break };
                    let out: Vec<R> = part.iter().map(|item| work(&mut state, item)).collect();
                    if let Ok(mut done) = done.lock() {
                        done.push((i, out));
                    }
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_default();
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().flat_map(|(_, out)| out).collect()
}

/// Fewer items than this per thread are not worth starting one.
const MIN_RUN: usize = 16;

fn progress_bar(len: u64, progress: Progress) -> ProgressBar {
    if progress == Progress::Hidden || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_on_many_threads() {
        let items: Vec<u32> = (0..50).collect();
        let out = run(&items, 4, Progress::Hidden, u32::to_string, |n| n * 2);
        assert_eq!(out, (0..50).map(|n| n * 2).collect::<Vec<_>>());
        assert!(run(&[] as &[u32], 4, Progress::Hidden, u32::to_string, |n| *n).is_empty());
    }

    #[test]
    fn map_keeps_order_and_gives_each_thread_its_state() {
        let items: Vec<u32> = (0..1000).collect();
        let out = map(&items, 3, || 7, |seven, n| n * *seven);
        assert_eq!(out, (0..1000).map(|n| n * 7).collect::<Vec<_>>());
        assert_eq!(map(&items[..5], 4, || (), |(), n| n + 1), [1, 2, 3, 4, 5]);
        assert!(map(&[] as &[u32], 4, || (), |(), n| *n).is_empty());
    }
}
