#!/usr/bin/env python3
"""Times `gazette deploy` to a local OpenSSH sshd over SFTP: a first deploy of a generated site
(bench/corpus.py, REPORTS x SECTIONS sections), then a deploy after editing one section. Prints
time, files and bytes sent for each. The server is a throwaway one like the tests' (its own host
key, user key and folder, on a free port of 127.0.0.1); the real ~/.ssh is never read or written.

usage: bench/deploy.py [--reports 100] [--sections 100] [--gazette target/release/gazette]
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sshd(d):
    for key in ("host_key", "user_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", f"{d}/{key}"], check=True)
    shutil.copy(f"{d}/user_key.pub", f"{d}/authorized_keys")
    os.makedirs("/run/sshd", exist_ok=True)
    port = free_port()
    with open(f"{d}/sshd_config", "w") as f:
        f.write(f"ListenAddress 127.0.0.1:{port}\nHostKey {d}/host_key\nPidFile {d}/sshd.pid\n"
                f"AuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nPermitRootLogin prohibit-password\n"
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
                "Subsystem sftp internal-sftp\nLogLevel ERROR\n")
    with open(f"{d}/ssh_config", "w") as f:
        f.write(f"Host *\n  UserKnownHostsFile {d}/known_hosts\n  GlobalKnownHostsFile /dev/null\n"
                f"  IdentityFile {d}/user_key\n  IdentitiesOnly yes\n  IdentityAgent none\n  LogLevel ERROR\n")
    kind, key = open(f"{d}/host_key.pub").read().split()[:2]
    with open(f"{d}/known_hosts", "w") as f:
        f.write(f"[127.0.0.1]:{port} {kind} {key}\n")
    os.makedirs(f"{d}/bin")
    with open(f"{d}/bin/ssh", "w") as f:
        f.write(f"#!/bin/sh\nexec {shutil.which('ssh')} -F {d}/ssh_config \"$@\"\n")
    os.chmod(f"{d}/bin/ssh", 0o755)
    sshd = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", f"{d}/sshd_config"])
    for _ in range(500):
        try:
            socket.create_connection(("127.0.0.1", port)).close()
            return sshd, port
        except OSError:
            time.sleep(0.02)
    sys.exit("sshd did not start")


def deploy(gazette, site, url, env):
    started = time.perf_counter()
    out = subprocess.run([gazette, "deploy", "--root", site, url, "--yes"], env=env,
                         stdin=subprocess.DEVNULL, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if out.returncode != 0:
        sys.exit(out.stderr)
    line = out.stdout.strip().splitlines()[-1]
    m = re.search(r"(\d+) uploaded, (\d+) replaced \((.*?) sent\)", line)
    return elapsed, int(m.group(1)) + int(m.group(2)), m.group(3), line


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--sections", type=int, default=100)
    parser.add_argument("--gazette", default=os.path.join(HERE, "..", "target", "release", "gazette"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        site = f"{d}/site"
        subprocess.run([sys.executable, f"{HERE}/corpus.py", site, str(args.reports), str(args.sections)],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([args.gazette, "build", "--root", site, "--quiet"], check=True)
        sshd, port = start_sshd(d)
        try:
            env = dict(os.environ, PATH=f"{d}/bin:{os.environ['PATH']}", HOME=d)
            env.pop("SSH_AUTH_SOCK", None)
            url = f"sftp://127.0.0.1:{port}{d}/www/"
            files = sum(len(f) for _, _, f in os.walk(f"{site}/public")) - 1
            print(f"site: {args.reports * args.sections} sections, {files} files")
            first = deploy(args.gazette, site, url, env)
            print(f"first deploy:    {first[0]:7.1f} s, {first[1]} files, {first[2]}  ({first[3]})")
            section = next(os.path.join(r, f) for r, _, fs in sorted(os.walk(f"{site}/content"))
                           for f in sorted(fs) if f != "_index.md")
            with open(section, "a") as f:
                f.write("\n本节新增一句话。\n")
            subprocess.run([args.gazette, "build", "--root", site, "--quiet"], check=True)
            second = deploy(args.gazette, site, url, env)
            print(f"one-edit deploy: {second[0]:7.1f} s, {second[1]} files, {second[2]}  ({second[3]})")
        finally:
            sshd.terminate()
            sshd.wait()


if __name__ == "__main__":
    main()
