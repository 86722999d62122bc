//! The local output tree and the target's manifest → what to upload, replace and delete, in
//! an order that never shows a visitor a broken page: assets (stylesheets, images, search
//! shards) before the pages that use them, the pages before the home page, feeds, sitemap
//! and search manifest that lead to them, deletions only once nothing links to the deleted
//! files any more. The manifest itself is written last, by the caller.

use std::collections::{BTreeMap, HashMap};

use super::manifest::{Entry, Hash, Manifest, SiteId};
use crate::site::{ATOM, ROBOTS, SITEMAP};

/// One file of the local output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LocalFile {
    pub size: u64,
    pub sha256: Hash,
}

/// Output path (`/`-separated, relative) → file.
pub(crate) type LocalTree = BTreeMap<String, LocalFile>;

/// What the target holds at a path the manifest does not vouch for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    Absent,
    /// The same bytes as the local file (an interrupted deploy's upload, or a copy made by
    /// another tool): nothing to send.
    Same,
    Different,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Upload,
    Replace,
    Delete,
    /// Remove a part file that an interrupted upload left (see [`part_path`]).
    CleanUp,
}

impl Kind {
    pub(crate) fn verb(self) -> &'static str {
        match self {
            Kind::Upload => "upload",
            Kind::Replace => "replace",
            Kind::Delete => "delete",
            Kind::CleanUp => "clean up",
        }
    }
}

/// The order of a deploy's steps; a phase starts when the one before it has finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Phase {
    Assets,
    Pages,
    /// The home page, feeds, sitemap, robots.txt and the search manifest.
    Entries,
    Deletions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    pub phase: Phase,
    pub kind: Kind,
    pub path: String,
    pub size: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// In order: by phase, then by path.
    pub steps: Vec<Step>,
    /// Local files the target already holds, vouched for by the manifest or found identical.
    pub unchanged: usize,
}

impl Plan {
    pub(crate) fn count(&self, kind: Kind) -> (usize, u64) {
        self.steps
            .iter()
            .filter(|s| s.kind == kind)
            .fold((0, 0), |(n, bytes), s| (n + 1, bytes + s.size))
    }
}

/// Paths whose state on the target must be looked at: local files the manifest has no hash
/// for, and the part files that interrupted uploads may have left.
pub(crate) fn unvouched<'a>(local: &'a LocalTree, manifest: &'a Manifest) -> Vec<&'a str> {
    let local = local
        .keys()
        .filter(|path| manifest.files.get(*path).is_none_or(|e| e.sha256.is_none()));
    let parts = manifest.files.keys().filter(|path| is_part(path));
    local.chain(parts).map(String::as_str).collect()
}

/// The steps that make the target equal to `local`. `found` answers for every path that
/// [`unvouched`] returned. `force` replaces every file; deletions are the same either way:
/// only files the manifest says gazette put there.
pub(crate) fn plan(
    local: &LocalTree,
    manifest: &Manifest,
    found: &HashMap<String, Found>,
    force: bool,
) -> Plan {
    let mut plan = Plan::default();
    for (path, file) in local {
        let kind = match manifest.files.get(path).and_then(|e| e.sha256) {
            Some(hash) if hash == file.sha256 && !force => None,
            Some(_) => Some(Kind::Replace),
            None => match found.get(path).copied().unwrap_or(Found::Absent) {
                Found::Absent => Some(Kind::Upload),
                Found::Same if !force => None,
                Found::Same | Found::Different => Some(Kind::Replace),
            },
        };
        match kind {
            Some(kind) => plan.steps.push(Step {
                phase: phase_of(path),
                kind,
                path: path.clone(),
                size: file.size,
            }),
            None => plan.unchanged += 1,
        }
    }
    for (path, entry) in &manifest.files {
        let kind = match is_part(path) {
            true if found.get(path).is_none_or(|f| *f == Found::Absent) => continue,
            true => Kind::CleanUp,
            false if local.contains_key(path) => continue,
            false => Kind::Delete,
        };
        plan.steps.push(Step {
            phase: Phase::Deletions,
            kind,
            path: path.clone(),
            size: entry.size,
        });
    }
    plan.steps
        .sort_by(|a, b| (a.phase, &a.path).cmp(&(b.phase, &b.path)));
    plan
}

/// The manifest to write before the first step: every file the plan will touch is marked
/// unsure, so a deploy interrupted at any point leaves a manifest that claims nothing false
/// (and still lists every file gazette may have put there, with the part files of `staged`
/// uploads, which the next deploy deletes). Unchanged files are vouched for.
pub(crate) fn intent(
    old: &Manifest,
    site: SiteId,
    local: &LocalTree,
    plan: &Plan,
    staged: bool,
) -> Manifest {
    let mut manifest = Manifest {
        site,
        ..old.clone()
    };
    // Part files not found on the target are gone; those found are cleanup steps below.
    manifest.files.retain(|path, _| !is_part(path));
    for (path, file) in local {
        manifest
            .files
            .insert(path.clone(), Entry::vouched(file.size, file.sha256));
    }
    for step in &plan.steps {
        manifest
            .files
            .insert(step.path.clone(), Entry::unsure(step.size));
        if staged && matches!(step.kind, Kind::Upload | Kind::Replace) {
            manifest
                .files
                .insert(part_path(&step.path), Entry::unsure(step.size));
        }
    }
    manifest
}

/// Where an upload is written before it is renamed over `path`, on targets that would
/// otherwise show a half-written file while it arrives.
pub(crate) fn part_path(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/.{name}.gazette-part"),
        None => format!(".{path}.gazette-part"),
    }
}

fn is_part(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with('.') && name.ends_with(".gazette-part")
}

/// Records in `manifest` that `step` was carried out.
pub(crate) fn record(manifest: &mut Manifest, step: &Step, local: &LocalTree) {
    match (step.kind, local.get(&step.path)) {
        (Kind::Delete | Kind::CleanUp, _) | (_, None) => {
            manifest.files.remove(&step.path);
        }
        (Kind::Upload | Kind::Replace, Some(file)) => {
            manifest.files.remove(&part_path(&step.path));
            manifest
                .files
                .insert(step.path.clone(), Entry::vouched(file.size, file.sha256));
        }
    }
}

/// Which phase uploads `path`.
pub(crate) fn phase_of(path: &str) -> Phase {
    let search_manifest = format!("{}/{}", crate::search::DIR, crate::search::MANIFEST);
    if [ATOM, SITEMAP, ROBOTS, "index.html", &search_manifest].contains(&path) {
        Phase::Entries
    } else if path.ends_with(".html") {
        Phase::Pages
    } else {
        Phase::Assets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(byte: u8) -> LocalFile {
        LocalFile {
            size: 10,
            sha256: [byte; 32],
        }
    }

    fn manifest(files: &[(&str, Option<u8>)]) -> Manifest {
        let mut m = Manifest::new(SiteId {
            title: "t".into(),
            base_url: "/".into(),
        });
        for (path, hash) in files {
            let entry = match hash {
                Some(b) => Entry::vouched(10, [*b; 32]),
                None => Entry::unsure(10),
            };
            m.files.insert(path.to_string(), entry);
        }
        m
    }

    fn steps(plan: &Plan) -> Vec<(Kind, &str)> {
        plan.steps
            .iter()
            .map(|s| (s.kind, s.path.as_str()))
            .collect()
    }

    #[test]
    fn orders_assets_pages_entries_then_deletions() {
        let local: LocalTree = [
            ("index.html", 1),
            ("2013/index.html", 1),
            ("style.css", 1),
            ("atom.xml", 1),
            ("search/meta.json", 1),
            ("search/s/1.bin", 1),
        ]
        .into_iter()
        .map(|(p, b)| (p.to_string(), file(b)))
        .collect();
        let old = manifest(&[("2012/index.html", Some(9))]);
        let plan = plan(&local, &old, &HashMap::new(), false);
        assert_eq!(
            steps(&plan),
            vec![
                (Kind::Upload, "search/s/1.bin"),
                (Kind::Upload, "style.css"),
                (Kind::Upload, "2013/index.html"),
                (Kind::Upload, "atom.xml"),
                (Kind::Upload, "index.html"),
                (Kind::Upload, "search/meta.json"),
                (Kind::Delete, "2012/index.html"),
            ]
        );
    }

    #[test]
    fn sends_only_changes_and_checks_what_the_manifest_does_not_vouch_for() {
        let local: LocalTree = [("a.html", 1), ("b.html", 2), ("c.html", 3), ("d.html", 4)]
            .into_iter()
            .map(|(p, b)| (p.to_string(), file(b)))
            .collect();
        // a unchanged, b changed, c unsure (interrupted), d never deployed.
        let old = manifest(&[("a.html", Some(1)), ("b.html", Some(7)), ("c.html", None)]);
        assert_eq!(unvouched(&local, &old), vec!["c.html", "d.html"]);
        let found = HashMap::from([
            ("c.html".into(), Found::Same),
            ("d.html".into(), Found::Different),
        ]);
        let plan = plan(&local, &old, &found, false);
        assert_eq!(
            steps(&plan),
            vec![(Kind::Replace, "b.html"), (Kind::Replace, "d.html")]
        );
        assert_eq!(plan.unchanged, 2);
        let forced = super::plan(&local, &old, &found, true);
        assert_eq!(forced.steps.len(), 4);
        assert_eq!(forced.unchanged, 0);
    }

    #[test]
    fn deletes_only_what_the_manifest_lists() {
        let local = LocalTree::new();
        let old = manifest(&[("old.html", Some(1)), ("half.css", None)]);
        let plan = plan(&local, &old, &HashMap::new(), true);
        assert_eq!(
            steps(&plan),
            vec![(Kind::Delete, "half.css"), (Kind::Delete, "old.html")]
        );
    }

    #[test]
    fn cleans_up_only_the_part_files_found_on_the_target() {
        let local = LocalTree::new();
        let old = manifest(&[
            ("a/.x.html.gazette-part", None),
            ("a/.y.html.gazette-part", None),
        ]);
        assert_eq!(unvouched(&local, &old).len(), 2);
        let found = HashMap::from([
            ("a/.x.html.gazette-part".into(), Found::Different),
            ("a/.y.html.gazette-part".into(), Found::Absent),
        ]);
        let plan = plan(&local, &old, &found, false);
        assert_eq!(
            steps(&plan),
            vec![(Kind::CleanUp, "a/.x.html.gazette-part")]
        );
        let intent = intent(&old, old.site.clone(), &local, &plan, true);
        assert_eq!(
            intent.files.keys().collect::<Vec<_>>(),
            vec!["a/.x.html.gazette-part"]
        );
    }

    #[test]
    fn the_intent_vouches_for_nothing_the_plan_touches() {
        let local: LocalTree = [("a.html", 1), ("b.html", 2)]
            .into_iter()
            .map(|(p, b)| (p.to_string(), file(b)))
            .collect();
        let old = manifest(&[
            ("a.html", Some(1)),
            ("b.html", Some(7)),
            ("gone.html", Some(3)),
        ]);
        let plan = plan(&local, &old, &HashMap::new(), false);
        let site = old.site.clone();
        let mut intent = intent(&old, site, &local, &plan, true);
        assert_eq!(intent.files["a.html"].sha256, Some([1; 32]));
        assert_eq!(intent.files["b.html"].sha256, None);
        assert_eq!(intent.files[".b.html.gazette-part"].sha256, None);
        assert_eq!(intent.files["gone.html"].sha256, None);
        for step in &plan.steps {
            record(&mut intent, step, &local);
        }
        assert_eq!(intent.files["b.html"].sha256, Some([2; 32]));
        assert!(!intent.files.contains_key("gone.html"));
        assert_eq!(intent.files.len(), 2, "{:?}", intent.files.keys());
    }
}
