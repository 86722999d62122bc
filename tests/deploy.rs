//! `gazette deploy` against real servers the tests start: OpenSSH's sshd (SFTP) with a
//! throwaway host key, user key and folder; the s3s-fs S3 server; and a plain folder. Each
//! target's files land in a local folder, which the tests compare with `public/`.
//!
//! ssh reads `~/.ssh` from the account's passwd entry, not from `$HOME`, so the tests never
//! touch the real one by putting an `ssh` first on `PATH` that adds `-F` with a test-only
//! config (its own known_hosts and key, no agent).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, TestSite};

/// A deploy target the test owns and the local folder where its files land.
struct Server {
    url: String,
    /// Where the target's files are on this machine.
    files: PathBuf,
    env: Vec<(String, String)>,
    /// The server process, stopped when the test ends.
    child: Option<Child>,
    dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        // A killed deploy leaves its ssh master connections running (they outlive their
        // parent by design); close them through their control sockets.
        let state = self.dir.path().join(".local/state");
        for entry in fs::read_dir(state).into_iter().flatten().flatten() {
            let _ = Command::new("ssh")
                .arg("-S")
                .arg(entry.path().join("master"))
                .args(["-O", "exit", "gazette-test"])
                .stderr(Stdio::null())
                .status();
        }
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A program the tests need, or a failure that says how to get it.
#[track_caller]
fn program(name: &str, candidates: &[&str], install: &str) -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    candidates
        .iter()
        .map(PathBuf::from)
        .chain(on_path)
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("the deploy tests need `{name}`: {install} (scripts/test installs it)")
        })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Waits until something listens on `port`; panics with the server's output if it never does.
#[track_caller]
fn wait_for(port: u16, child: &mut Child, what: &str) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                use std::io::Read as _;
                let _ = e.read_to_string(&mut err);
            }
            panic!("{what} exited ({status}) before listening:\n{err}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{what} did not start listening on {port}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[track_caller]
fn run_ok(command: &mut Command) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        out.status.success(),
        "{command:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Server {
    fn folder() -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = dir.path().join("www/reports");
        Server {
            url: format!("file://{}/", files.display()),
            files,
            env: Vec::new(),
            child: None,
            dir,
        }
    }

    /// sshd on a free port of 127.0.0.1, serving SFTP from a temporary folder to a throwaway key.
    fn sftp() -> Server {
        let sshd = program(
            "sshd",
            &["/usr/sbin/sshd"],
            "apt-get install openssh-server",
        );
        let ssh = program("ssh", &["/usr/bin/ssh"], "apt-get install openssh-client");
        let keygen = program(
            "ssh-keygen",
            &["/usr/bin/ssh-keygen"],
            "apt-get install openssh-client",
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        for key in ["host_key", "user_key"] {
            run_ok(
                Command::new(&keygen)
                    .args(["-q", "-t", "ed25519", "-N", ""])
                    .arg("-f")
                    .arg(d.join(key)),
            );
        }
        fs::copy(d.join("user_key.pub"), d.join("authorized_keys")).expect("authorized_keys");
        // sshd refuses to start without its privilege separation folder.
        fs::create_dir_all("/run/sshd").expect("/run/sshd");
        let port = free_port();
        fs::write(
            d.join("sshd_config"),
            format!(
                "ListenAddress 127.0.0.1:{port}\nHostKey {d}/host_key\nPidFile {d}/sshd.pid\n\
                 AuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nPermitRootLogin prohibit-password\n\
                 PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n\
                 Subsystem sftp internal-sftp\nLogLevel ERROR\n",
                d = d.display()
            ),
        )
        .expect("sshd_config");
        fs::write(
            d.join("ssh_config"),
            format!(
                "Host *\n  UserKnownHostsFile {d}/known_hosts\n  GlobalKnownHostsFile /dev/null\n  \
                 IdentityFile {d}/user_key\n  IdentitiesOnly yes\n  IdentityAgent none\n  \
                 PasswordAuthentication no\n  LogLevel ERROR\n",
                d = d.display()
            ),
        )
        .expect("ssh_config");
        let host_key = fs::read_to_string(d.join("host_key.pub")).expect("host key");
        let mut fields = host_key.split_whitespace();
        let (kind, key) = (fields.next().expect("type"), fields.next().expect("key"));
        fs::write(
            d.join("known_hosts"),
            format!("[127.0.0.1]:{port} {kind} {key}\n"),
        )
        .expect("known_hosts");
        let bin = d.join("bin");
        fs::create_dir_all(&bin).expect("bin");
        let wrapper = bin.join("ssh");
        fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\nexec {} -F {}/ssh_config \"$@\"\n",
                ssh.display(),
                d.display()
            ),
        )
        .expect("ssh wrapper");
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(&wrapper, fs::Permissions::from_mode(0o755)).expect("chmod");
        let mut child = Command::new(&sshd)
            .args(["-D", "-e", "-f"])
            .arg(d.join("sshd_config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start sshd");
        wait_for(port, &mut child, "sshd");
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let files = d.join("www/reports");
        Server {
            url: format!("sftp://127.0.0.1:{port}{}/", files.display()),
            files,
            env: vec![
                ("PATH".into(), path),
                ("HOME".into(), d.display().to_string()),
            ],
            child: Some(child),
            dir,
        }
    }

    /// s3s-fs (an S3 server from crates.io, objects kept as files) on a free port, with keys.
    fn s3() -> Server {
        let cargo_bin = std::env::var("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|_| std::env::var("HOME").map(|h| Path::new(&h).join(".cargo")))
            .map(|home| home.join("bin/s3s-fs").display().to_string())
            .unwrap_or_default();
        let binary = program(
            "s3s-fs",
            &[&cargo_bin],
            "cargo install s3s-fs --version 0.14.1 --locked --features binary",
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("s3");
        fs::create_dir_all(root.join("site")).expect("bucket folder");
        let port = free_port();
        let mut child = Command::new(binary)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args([
                "--access-key",
                "gazette-test",
                "--secret-key",
                "gazette-test-secret",
            ])
            .arg(&root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start s3s-fs");
        wait_for(port, &mut child, "s3s-fs");
        Server {
            url: format!(
                "s3://site/www/reports/?endpoint=http://127.0.0.1:{port}&region=us-east-1"
            ),
            files: root.join("site/www/reports"),
            env: vec![
                ("AWS_ACCESS_KEY_ID".into(), "gazette-test".into()),
                ("AWS_SECRET_ACCESS_KEY".into(), "gazette-test-secret".into()),
            ],
            child: Some(child),
            dir,
        }
    }

    /// Runs `gazette deploy --root <site> <args>` with the server's environment, no stdin.
    fn deploy(&self, site: &TestSite, args: &[&str]) -> Run {
        self.command(site, args)
            .output()
            .expect("run gazette")
            .into()
    }

    /// A deploy, one file at a time, that stops dead (no manifest, no goodbye to the server)
    /// after `steps` files.
    fn deploy_killed_after(&self, site: &TestSite, steps: usize) -> Run {
        self.command(site, &["--concurrency", "1"])
            .env("GAZETTE_DEPLOY_ABORT_AFTER", steps.to_string())
            .output()
            .expect("run gazette")
            .into()
    }

    fn command(&self, site: &TestSite, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_gazette"));
        command
            .arg("deploy")
            .arg("--root")
            .arg(site.root())
            .args(args)
            .env_remove("SSH_AUTH_SOCK")
            .stdin(Stdio::null());
        for (key, value) in &self.env {
            command.env(key, value);
        }
        command
    }

    #[track_caller]
    fn deploy_ok(&self, site: &TestSite, args: &[&str]) -> Run {
        let run = self.deploy(site, args);
        assert!(run.success, "deploy failed:\n{}{}", run.stdout, run.stderr);
        run
    }

    /// The target's files (path → bytes), without gazette's manifest.
    fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        let mut tree = tree(&self.files);
        tree.remove(".gazette-deploy.json");
        tree
    }
}

fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    if !root.exists() {
        return BTreeMap::new();
    }
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.expect("readable"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(root)
                .expect("inside")
                .to_str()
                .expect("utf-8")
                .to_string();
            (path, fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// The built site as it should arrive: `public/` without gazette's marker.
fn public(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let mut tree = tree(&site.root().join("public"));
    tree.remove(".gazette-output");
    tree
}

/// The "N uploaded, M replaced … K deleted" counts of a deploy's summary line.
fn counts(run: &Run) -> (usize, usize, usize) {
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Deployed to"))
        .unwrap_or_else(|| panic!("no summary in:\n{}", run.stdout));
    let number = |word: &str| -> usize {
        let before = &line[..line
            .find(word)
            .unwrap_or_else(|| panic!("no `{word}` in {line}"))];
        before
            .trim_end()
            .rsplit([' ', ':', ',', '('])
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count before `{word}` in {line}"))
    };
    (number(" uploaded"), number(" replaced"), number(" deleted"))
}

fn site_for(server: &Server) -> TestSite {
    let site = TestSite::from_fixture("reports");
    let config = fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}deploy:\n  - name: test\n    url: {}\n", server.url),
    );
    site
}

/// The whole life of a deployed site on one target.
fn exercise(server: Server) {
    let site = site_for(&server);
    site.build_ok(&[]);
    let foreign = server.files.join("foreign/keep.txt");
    fs::create_dir_all(foreign.parent().unwrap()).unwrap();
    fs::write(&foreign, "not gazette's").unwrap();

    // A dry run changes nothing and lists every file as an upload.
    let dry = server.deploy_ok(&site, &["--dry-run"]);
    let expected = public(&site);
    assert_eq!(
        dry.stdout
            .lines()
            .filter(|l| l.starts_with("upload "))
            .count(),
        expected.len(),
        "{}",
        dry.stdout
    );
    assert_eq!(server.tree().len(), 1, "a dry run changed the target");

    // The first deploy makes the target equal to public/ (plus the foreign file).
    let first = server.deploy_ok(&site, &[]);
    assert_eq!(counts(&first), (expected.len(), 0, 0), "{}", first.stdout);
    let mut want = expected.clone();
    want.insert("foreign/keep.txt".into(), b"not gazette's".to_vec());
    assert_eq!(server.tree(), want);

    // Nothing changed: nothing is sent.
    assert_eq!(counts(&server.deploy_ok(&site, &[])), (0, 0, 0));

    // One edited section: exactly the files whose bytes changed are sent.
    let section = site.root().join("content/2013/annual/02-jobs.md");
    let text = fs::read_to_string(&section).unwrap();
    fs::write(&section, text.replace("\n\n", "\n\n新增一句话。\n\n")).unwrap();
    site.build_ok(&[]);
    let edited = public(&site);
    let changed = edited
        .iter()
        .filter(|(p, b)| expected.get(*p) != Some(*b))
        .count();
    assert!(
        changed > 0 && changed < edited.len() / 2,
        "{changed} of {} files changed",
        edited.len()
    );
    let dry = server.deploy_ok(&site, &["--dry-run"]);
    assert_eq!(
        dry.stdout
            .lines()
            .filter(|l| l.starts_with("replace "))
            .count(),
        changed,
        "{}",
        dry.stdout
    );
    assert_eq!(server.tree(), want, "a dry run changed the target");
    let second = server.deploy_ok(&site, &[]);
    let (uploaded, replaced, deleted) = counts(&second);
    assert_eq!(
        (uploaded + replaced, deleted),
        (changed, 0),
        "{}",
        second.stdout
    );
    want = edited.clone();
    want.insert("foreign/keep.txt".into(), b"not gazette's".to_vec());
    assert_eq!(server.tree(), want);

    // Removing a report deletes exactly its files; the foreign file stays.
    fs::remove_dir_all(site.root().join("content/2013")).unwrap();
    let about = site.root().join("content/pages/about.md");
    let text = fs::read_to_string(&about).unwrap();
    fs::write(&about, text.replace("(../2013/annual/_index.md)", "")).unwrap();
    site.build_ok(&[]);
    let removed = public(&site);
    let gone: Vec<&String> = edited
        .keys()
        .filter(|p| !removed.contains_key(*p))
        .collect();
    assert!(!gone.is_empty());
    assert!(gone.len() > 10, "the report has {} files", gone.len());
    let dry = server.deploy_ok(&site, &["--dry-run"]);
    assert!(dry.stdout.contains("would ask first"), "{}", dry.stdout);
    let listed = dry.stdout.lines().filter(|l| l.starts_with("delete "));
    assert_eq!(listed.count(), gone.len(), "{}", dry.stdout);
    // Many deletions need a yes, and there is no terminal to ask on.
    let refused = server.deploy(&site, &[]);
    assert!(
        !refused.success && refused.stderr.contains("--yes"),
        "{}",
        refused.stderr
    );
    assert_eq!(server.tree(), want, "a refused deploy changed the target");
    let third = server.deploy_ok(&site, &["--yes"]);
    assert_eq!(counts(&third).2, gone.len(), "{}", third.stdout);
    want = removed.clone();
    want.insert("foreign/keep.txt".into(), b"not gazette's".to_vec());
    assert_eq!(server.tree(), want);

    // --force sends everything again and still deletes nothing foreign.
    let forced = server.deploy_ok(&site, &["--force"]);
    assert_eq!(counts(&forced), (0, removed.len(), 0), "{}", forced.stdout);
    assert_eq!(server.tree(), want);
}

/// A deploy killed halfway, then run again, ends with the complete tree; so does one killed
/// while replacing files and run again after the edit was undone (the old manifest must not be
/// trusted for files the killed deploy may have replaced).
fn interrupted(server: Server) {
    let site = site_for(&server);
    site.build_ok(&[]);
    let expected = public(&site);

    let killed = server.deploy_killed_after(&site, 5);
    assert!(!killed.success, "{}", killed.stdout);
    assert_eq!(server.tree().len(), 5, "five files arrived before the kill");
    let resumed = server.deploy_ok(&site, &[]);
    assert_eq!(
        counts(&resumed),
        (expected.len() - 5, 0, 0),
        "{}",
        resumed.stdout
    );
    assert_eq!(server.tree(), expected);

    let section = site.root().join("content/2013/annual/02-jobs.md");
    let original = fs::read_to_string(&section).unwrap();
    fs::write(&section, original.replace("\n\n", "\n\n新增一句话。\n\n")).unwrap();
    site.build_ok(&[]);
    assert!(!server.deploy_killed_after(&site, 1).success);
    assert_ne!(
        server.tree(),
        expected,
        "one file was replaced before the kill"
    );
    fs::write(&section, original).unwrap();
    site.build_ok(&[]);
    assert_eq!(public(&site), expected);
    let repaired = server.deploy_ok(&site, &[]);
    assert_eq!(counts(&repaired), (0, 1, 0), "{}", repaired.stdout);
    assert_eq!(server.tree(), expected);
}

#[test]
fn deploys_to_a_folder() {
    exercise(Server::folder());
}

#[test]
fn deploys_over_sftp_to_sshd() {
    exercise(Server::sftp());
}

#[test]
fn deploys_to_an_s3_server() {
    exercise(Server::s3());
}

#[test]
fn a_killed_deploy_to_a_folder_resumes() {
    interrupted(Server::folder());
}

#[test]
fn a_killed_deploy_over_sftp_resumes() {
    interrupted(Server::sftp());
}

#[test]
fn a_killed_deploy_to_s3_resumes() {
    interrupted(Server::s3());
}

#[test]
fn an_unknown_or_changed_host_key_is_refused_with_its_fingerprint() {
    let server = Server::sftp();
    let site = site_for(&server);
    site.build_ok(&[]);
    let known_hosts = server.dir.path().join("known_hosts");
    let recorded = fs::read_to_string(&known_hosts).unwrap();
    let fingerprint = String::from_utf8(
        Command::new("ssh-keygen")
            .args(["-l", "-f"])
            .arg(server.dir.path().join("host_key.pub"))
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let fingerprint = fingerprint
        .split_whitespace()
        .nth(1)
        .expect("SHA256:…")
        .to_string();

    fs::write(&known_hosts, "").unwrap();
    let unknown = server.deploy(&site, &[]);
    assert!(!unknown.success);
    assert!(
        unknown.stderr.contains("not in ~/.ssh/known_hosts"),
        "{}",
        unknown.stderr
    );
    assert!(unknown.stderr.contains(&fingerprint), "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("ssh-keyscan -p"),
        "{}",
        unknown.stderr
    );
    assert_eq!(
        fs::read_to_string(&known_hosts).unwrap(),
        "",
        "the key was accepted silently"
    );

    // Another server's key recorded for this address: a changed key.
    let other = server.dir.path().join("other_key");
    run_ok(
        Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(&other),
    );
    let other_key = fs::read_to_string(other.with_extension("pub")).unwrap();
    let address = recorded.split_whitespace().next().unwrap();
    let mut fields = other_key.split_whitespace();
    fs::write(
        &known_hosts,
        format!(
            "{address} {} {}\n",
            fields.next().unwrap(),
            fields.next().unwrap()
        ),
    )
    .unwrap();
    let changed = server.deploy(&site, &[]);
    assert!(!changed.success);
    assert!(changed.stderr.contains("CHANGED"), "{}", changed.stderr);
    assert!(changed.stderr.contains(&fingerprint), "{}", changed.stderr);
    assert_eq!(server.tree().len(), 0, "nothing was uploaded");
}

#[test]
fn credentials_in_site_yaml_are_an_error() {
    let site = TestSite::from_fixture("reports");
    let config = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{config}deploy:\n  - name: prod\n    url: sftp://deploy@example.org/var/www/\n    password: hunter2\n"),
    );
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("unknown key `password`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("credentials never go in site.yaml"),
        "{}",
        run.stderr
    );
    site.write(
        "site.yaml",
        &format!(
            "{config}deploy:\n  - name: prod\n    url: sftp://deploy:hunter2@example.org/var/www/\n"
        ),
    );
    let run = site.build(&[]);
    assert!(
        !run.success && run.stderr.contains("holds a password"),
        "{}",
        run.stderr
    );
}

#[test]
fn build_flag_builds_first_and_deploys_only_a_good_build() {
    let server = Server::folder();
    let site = site_for(&server);
    let run = server.deploy_ok(&site, &["--build"]);
    assert!(run.stdout.contains("Built "), "{}", run.stdout);
    assert_eq!(server.tree(), public(&site));

    site.write(
        "content/2013/annual/09-broken.md",
        "---\ntitle: [unclosed\n---\n",
    );
    let before = server.tree();
    let failed = server.deploy(&site, &["--build"]);
    assert!(!failed.success);
    assert!(!failed.stdout.contains("Deployed"), "{}", failed.stdout);
    assert_eq!(server.tree(), before);
}

#[test]
fn a_target_holding_another_sites_deploy_needs_a_yes() {
    let server = Server::folder();
    let site = site_for(&server);
    site.build_ok(&[]);
    server.deploy_ok(&site, &[]);
    let config = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &config.replace("title: 测试妇联", "title: 另一个站点"),
    );
    site.build_ok(&[]);
    let refused = server.deploy(&site, &[]);
    assert!(
        !refused.success && refused.stderr.contains("another site"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    server.deploy_ok(&site, &["--yes"]);
    assert_eq!(server.tree(), public(&site));
}

#[test]
fn files_that_do_not_arrive_are_listed_and_fail_the_deploy() {
    let server = Server::folder();
    let site = site_for(&server);
    site.build_ok(&[]);
    // Someone else's folder where the feed should go: the feed cannot be written.
    fs::create_dir_all(server.files.join("atom.xml/x")).unwrap();
    let failed = server.deploy(&site, &[]);
    assert!(!failed.success);
    assert!(failed.stderr.contains("1 of"), "{}", failed.stderr);
    assert!(failed.stderr.contains("  atom.xml: "), "{}", failed.stderr);
    assert!(
        server.files.join("atom.xml/x").is_dir(),
        "the foreign folder was touched"
    );
    fs::remove_dir_all(server.files.join("atom.xml")).unwrap();
    let again = server.deploy_ok(&site, &[]);
    assert_eq!(counts(&again), (1, 0, 0), "{}", again.stdout);
    assert_eq!(server.tree(), public(&site));
}
