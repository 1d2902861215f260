//! Rendered text kept between frames: the episode's link numbering and the text pane's wrapped lines, per
//! (episode, segment, width). A keypress in a long segment then costs a lookup, not a fresh render.
//!
//! Drawing takes `&App`, so the cache sits behind `RefCell`s; it holds only what `App`'s fields determine.

use std::cell::RefCell;
use std::rc::Rc;

use crate::tui::app::App;
use crate::tui::markdown::{self, EpisodeLinks, RenderOptions, Rendered};
use crate::tui::theme::Theme;

/// What the text pane's lines were rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextKey {
    pub episode: usize,
    /// The segment, or `None` for the episode's overview.
    pub segment: Option<usize>,
    pub width: u16,
}

/// Rendered text for the last episode and view drawn.
#[derive(Debug, Default)]
pub struct RenderCache {
    links: RefCell<Option<(usize, Rc<EpisodeLinks>)>>,
    text: RefCell<Vec<(TextKey, Rc<Rendered>)>>,
    /// The theme the texts were drawn with (tests and a config reload may change it).
    theme: RefCell<Option<Theme>>,
}

/// How many rendered texts are kept (the body and the overview at a width or two).
const KEEP: usize = 4;

impl RenderCache {
    fn text(&self, key: TextKey, make: impl FnOnce() -> Rendered) -> Rc<Rendered> {
        if let Some((_, r)) = self.text.borrow().iter().find(|(k, _)| *k == key) {
            return Rc::clone(r);
        }
        let r = Rc::new(make());
        let mut text = self.text.borrow_mut();
        if text.len() >= KEEP {
            text.remove(0);
        }
        text.push((key, Rc::clone(&r)));
        r
    }
}

impl App {
    /// Every link of the shown episode with its number.
    pub fn episode_links(&self) -> Rc<EpisodeLinks> {
        let Some((index, episode)) = self.episode_index().zip(self.episode()) else {
            return Rc::new(EpisodeLinks::default());
        };
        if let Some((i, links)) = self.cache.links.borrow().as_ref()
            && *i == index
        {
            return Rc::clone(links);
        }
        let links = Rc::new(EpisodeLinks::of(episode));
        *self.cache.links.borrow_mut() = Some((index, Rc::clone(&links)));
        links
    }

    /// Rendered text for `key`, from the cache when it is there.
    pub fn cached_text(&self, key: TextKey, make: impl FnOnce(&EpisodeLinks) -> Rendered) -> Rc<Rendered> {
        let links = self.episode_links();
        if self.cache.theme.borrow().as_ref() != Some(&self.theme) {
            self.cache.text.borrow_mut().clear();
            *self.cache.theme.borrow_mut() = Some(self.theme.clone());
        }
        self.cache.text(key, || make(&links))
    }

    /// A markdown text of the shown episode rendered with the episode's numbering.
    pub fn render_markdown(&self, markdown: &str, width: u16, links: &EpisodeLinks) -> Rendered {
        markdown::render(markdown, width, &self.theme, RenderOptions { selected_link: None, links: Some(links) })
    }
}
