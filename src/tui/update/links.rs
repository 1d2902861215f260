//! Which link `o` and `y` act on, and the policy check before anything is opened.

use crate::links::openable;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::effect::Effect;
use crate::tui::markdown;

impl App {
    /// The URL the focused pane points at: the chosen link, else the segment's article.
    pub fn selected_url(&self) -> Option<String> {
        if self.mode == Mode::Search {
            return self.hits.get(self.sel.hit).and_then(|h| h.url.clone());
        }
        let e = self.episode()?;
        let links = self.episode_links();
        if let Some(n) = self.sel.body_link.filter(|_| self.focus.is_detail() && self.focus != Pane::Links) {
            return links.get(n).map(|l| l.url.clone());
        }
        match self.focus {
            Pane::Links => links.links.get(self.sel.link).map(|l| l.url.clone()),
            Pane::Extras => {
                let item = e.extras.iter().flat_map(|x| x.items.iter()).nth(self.sel.extra)?;
                markdown::links(item).into_iter().next()
            }
            Pane::Jokes => {
                let joke = e.jokes.get(self.sel.joke)?;
                joke.url.clone().or_else(|| markdown::links(&joke.body).into_iter().next())
            }
            Pane::Overview | Pane::Transcript => None,
            Pane::Body | Pane::Episodes | Pane::Hosts | Pane::Segments => self.segment_url(),
        }
    }

    /// The segment's article, else its first link.
    fn segment_url(&self) -> Option<String> {
        let s = self.segment()?;
        s.url.clone().or_else(|| s.links.first().map(|l| l.url.clone()))
    }

    /// `o` / `y`: the effect for the selected link, or a status message saying why there is none.
    pub(crate) fn link_effect(&mut self, make: fn(String) -> Effect) -> Option<Effect> {
        let Some(url) = self.selected_url() else {
            self.status = Some("No link here: pick a link in the Links pane, or a numbered link of the text.".into());
            return None;
        };
        match openable(&url) {
            Ok(url) => Some(make(url.to_owned())),
            Err(refusal) => {
                self.status = Some(format!("{refusal}: {}", crate::sanitize::clean_line(&url)));
                None
            }
        }
    }
}
