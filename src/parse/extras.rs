//! Collecting the extras section into per-host groups (`Brian:` / `Michael:` labels), or one unsplit group.

use std::collections::HashMap;

use crate::model::Extras;

/// Extras items gathered while walking, grouped by the host label in force.
#[derive(Debug, Default)]
pub struct ExtrasBuilder {
    groups: Vec<Extras>,
    /// Where each host's group is in `groups`.
    index: HashMap<Option<String>, usize>,
    current: Option<String>,
}

impl ExtrasBuilder {
    /// A new extras heading: items now belong to `host` (`Extra Eric:`) or to nobody yet.
    pub fn start_section(&mut self, host: Option<String>) {
        self.current = host;
    }

    /// A `Michael:` label: the items after it are his.
    pub fn label(&mut self, host: String) {
        self.current = Some(host);
    }

    /// An item for whoever the current label names.
    pub fn item(&mut self, markdown: &str) {
        let host = self.current.clone();
        self.item_for(host, markdown);
    }

    /// An item that names its own host (`- Bob: Be sure to visit …`).
    pub fn item_for(&mut self, host: Option<String>, markdown: &str) {
        let md = super::text::item_markdown(markdown);
        if md.is_empty() {
            return;
        }
        let group = match self.index.get(&host) {
            Some(&group) => group,
            None => {
                let next = self.groups.len();
                self.index.insert(host.clone(), next);
                self.groups.push(Extras { host, items: Vec::new(), start: None });
                next
            }
        };
        if let Some(g) = self.groups.get_mut(group) {
            g.items.push(md);
        }
    }

    /// The groups that got items, in order of first label (or first item).
    pub fn finish(self) -> Vec<Extras> {
        self.groups.into_iter().filter(|g| !g.items.is_empty()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_split_and_empty_labels_vanish() {
        let mut b = ExtrasBuilder::default();
        b.start_section(None);
        b.item("unlabelled");
        b.label("Brian".into());
        b.label("Michael".into());
        b.item("- one");
        b.item_for(Some("Bob".into()), "- Bob: hi");
        let groups = b.finish();
        let hosts: Vec<Option<&str>> = groups.iter().map(|g| g.host.as_deref()).collect();
        assert_eq!(hosts, [None, Some("Michael"), Some("Bob")]);
    }
}
