"""The shipped nginx configuration serves the internal edition as an IT office is asked to.

`deploy/nginx-internal.conf` is run as it is, with only its paths, ports and
networks replaced, by a real nginx on loopback, and looked at as an auditor
would: `openssl s_client` for TLS, `curl` for every header of every kind of
answer, and fail2ban's own filter (`fail2ban-regex`) on the lines this nginx
wrote to its error log. Skipped when nginx, openssl or curl is not installed;
the fail2ban tests, when fail2ban is not (apt-get install fail2ban).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

from scripts.assemble import csp

EXAMPLE = ROOT / "deploy" / "nginx-internal.conf"
JAIL = ROOT / "deploy" / "fail2ban" / "jail.d" / "bao-cao-noi-bo.conf"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
OPENSSL, CURL = shutil.which("openssl"), shutil.which("curl")
FAIL2BAN_REGEX = shutil.which("fail2ban-regex")
FILTER = Path("/etc/fail2ban/filter.d/nginx-http-auth.conf")
USER, PASSWORD = "canbo1", "mat-khau-thu"
HOST = "bao-cao.noibo.example"  # the configured host name
OUTSIDE = "127.0.0.2"  # a loopback address outside the networks the test allows (127.0.0.1 only)

pytestmark = [
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)"),
    pytest.mark.skipif(OPENSSL is None, reason="openssl is not installed: no test certificate"),
    pytest.mark.skipif(CURL is None, reason="curl is not installed"),
]

# Every response, whatever its status, carries these (the policy is the built site's own, `expected_policy`).
HEADERS = {
    "strict-transport-security": "max-age=63072000",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "x-robots-tag": "noindex, nofollow",
    "cache-control": "private, no-cache",
}
# Mozilla's "intermediate" TLS 1.2 suites a server with an RSA certificate can agree on (ECDSA ones need an
# ECDSA certificate): forward secret, authenticated encryption.
TLS12_SUITES = {"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305"}


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, list[str]]  # lower-case name → every value sent
    body: str

    def header(self, name: str) -> str:
        [value] = self.headers.get(name, [""])
        return value


@dataclass(frozen=True)
class Server:
    http_port: int
    https_port: int
    folder: Path
    site: Path

    @property
    def error_log(self) -> Path:
        return self.folder / "bao-cao-noi-bo.error.log"

    def curl(self, path: str, *options: str, auth: tuple[str, str] | None = None, port: int | None = None) -> Response:
        assert CURL
        url = f"https://localhost:{self.https_port}{path}" if port is None else f"http://localhost:{port}{path}"
        args = [CURL, "-sS", "--insecure", "--max-time", "10", "-D", "-", "-o", str(self.folder / "body"), url]
        if auth:
            args += ["-u", ":".join(auth)]
        result = subprocess.run([*args, *options], capture_output=True, check=True)
        head = result.stdout.decode("latin-1").split("\r\n\r\n")[0].split("\r\n")
        headers: dict[str, list[str]] = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers.setdefault(name.strip().lower(), []).append(value.strip())
        body = (self.folder / "body").read_bytes().decode("utf-8", errors="replace")
        return Response(int(head[0].split()[1]), headers, body)

    def tls(self, *options: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        """`openssl s_client` to the server with `options`: its return code says whether the handshake was made."""
        assert OPENSSL
        args = [OPENSSL, "s_client", "-connect", f"127.0.0.1:{self.https_port}", "-servername", HOST, *options]
        return subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=20)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ssha(password: str) -> str:
    """An nginx-readable password hash ({SSHA}, RFC 2307) without htpasswd."""
    salt = os.urandom(8)
    return "{SSHA}" + base64.b64encode(hashlib.sha1(password.encode() + salt).digest() + salt).decode()


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"{EXAMPLE.name} no longer has {old!r}: update this test with it"
    return text.replace(old, new)


def configured(folder: Path, site: Path, ports: tuple[int, int]) -> str:
    """The shipped file, its ports, paths and networks replaced: nothing else of it."""
    conf = EXAMPLE.read_text(encoding="utf-8")
    conf = _replace(conf, "listen 80;", f"listen 127.0.0.1:{ports[0]};")
    conf = _replace(conf, "listen 443 ssl;", f"listen 127.0.0.1:{ports[1]} ssl;")
    conf = _replace(conf, "/etc/ssl/certs/bao-cao.noibo.example.crt", str(folder / "test.crt"))
    conf = _replace(conf, "/etc/ssl/private/bao-cao.noibo.example.key", str(folder / "test.key"))
    conf = _replace(conf, "/srv/bao-cao-noi-bo", str(site))
    conf = _replace(conf, "/etc/nginx/bao-cao-noi-bo.htpasswd", str(folder / "htpasswd"))
    conf = _replace(conf, "/var/log/nginx/bao-cao-noi-bo.error.log", str(folder / "bao-cao-noi-bo.error.log"))
    conf = _replace(conf, "/var/www/acme", str(folder / "acme"))
    return _replace(conf, "allow 192.0.2.0/24;", "allow 127.0.0.1;")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, built_sample: Path) -> Iterator[Server]:
    with nginx(tmp_path_factory.mktemp("nginx"), built_sample) as running:
        yield running


@contextmanager
def nginx(folder: Path, site: Path) -> Iterator[Server]:
    """The shipped configuration (`configured`) serving `site`, run by nginx on loopback; its files in `folder`."""
    assert NGINX and OPENSSL
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
         "-keyout", str(folder / "test.key"), "-out", str(folder / "test.crt")],
        check=True, capture_output=True,
    )  # fmt: skip
    (folder / "htpasswd").write_text(f"{USER}:{_ssha(PASSWORD)}\n", encoding="utf-8")
    (folder / "acme").mkdir()
    ports = (_free_port(), _free_port())
    (folder / "site.conf").write_text(configured(folder, site, ports), encoding="utf-8")
    mime = Path("/etc/nginx/mime.types")
    types = (
        f"include {mime};" if mime.exists() else "types { text/html html; text/css css; application/javascript js; }"
    )
    temp = "\n".join(f"    {k}_temp_path {folder / k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = folder / "nginx.conf"
    main.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'main.log'} warn;\n"
        + "events { worker_connections 64; }\n"
        + f"http {{\n    {types}\n    default_type application/octet-stream;\n    access_log off;\n{temp}\n"
        + f"    include {folder / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    check = subprocess.run([NGINX, "-t", "-p", str(folder), "-c", str(main)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "[warn]" not in check.stderr, check.stderr
    proc = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(main)], stderr=subprocess.PIPE)
    try:
        _wait_for(ports[1], proc)
        yield Server(*ports, folder, site)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _wait_for(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read().decode() if proc.stderr else "nginx stopped")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("nginx did not start listening")


def expected_policy(site: Path) -> str:
    """The policy recomputed from the built site's pages, independently of how the build found it."""
    scripts, styles = set(), set()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", text, re.DOTALL):
            if "src=" not in attrs and "application/json" not in attrs:
                scripts.add(base64.b64encode(hashlib.sha256(body.encode()).digest()).decode())
        for value in re.findall(r' style="([^"]*)"', text):
            styles.add(base64.b64encode(hashlib.sha256(value.encode()).digest()).decode())
    script_src = " ".join(["'self'", *(f"'sha256-{h}'" for h in sorted(scripts))])
    style_src = " ".join(["'self'", "'unsafe-hashes'", *(f"'sha256-{h}'" for h in sorted(styles))])
    return (
        f"default-src 'self'; script-src {script_src}; style-src {style_src}; img-src 'self' data:; "
        "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


# --- who may ask -----------------------------------------------------------------


def test_without_a_password_nothing_is_served(server: Server) -> None:
    for path in ("/", "/index.html", "/chi-tieu/ct11.html", "/search/search_index.json", "/tai-ve/du-lieu.zip"):
        answer = server.curl(path)
        assert answer.status == 401, path
        assert answer.header("www-authenticate") == 'Basic realm="Bao cao - luu hanh noi bo"'
        assert "CT11" not in answer.body


def test_a_wrong_password_is_refused(server: Server) -> None:
    assert server.curl("/", auth=(USER, "sai")).status == 401
    assert server.curl("/", auth=("khach", PASSWORD)).status == 401


def test_outside_the_organisations_networks_even_the_right_password_is_refused(server: Server) -> None:
    answer = server.curl("/", "--interface", OUTSIDE, auth=(USER, PASSWORD))
    assert answer.status == 403
    assert "Lưu hành nội bộ" not in answer.body


def test_with_the_password_the_internal_edition_is_served(server: Server) -> None:
    answer = server.curl("/", auth=(USER, PASSWORD))
    assert answer.status == 200
    assert answer.header("content-type") == "text/html; charset=utf-8"
    assert "Lưu hành nội bộ" in answer.body
    assert server.curl("/chi-tieu/ct11.html", auth=(USER, PASSWORD)).status == 200
    missing = server.curl("/khong-co.html", auth=(USER, PASSWORD))
    assert missing.status == 404
    assert "Lưu hành nội bộ" in missing.body  # the site's own 404 page
    assert server.curl("/sitemap.xml", auth=(USER, PASSWORD)).status == 404


def test_plain_http_is_sent_to_the_configured_host_never_the_requests(server: Server) -> None:
    for host in ("127.0.0.1", "ke-gia-mao.example"):
        answer = server.curl("/chi-tieu/index.html", "-H", f"Host: {host}", port=server.http_port)
        assert answer.status == 301
        assert answer.header("location") == f"https://{HOST}/chi-tieu/index.html"
        assert answer.header("server") == "nginx"


# --- what every answer carries ------------------------------------------------------

ANSWERS = [
    # path, curl options, with the password, status
    ("/", (), True, 200),
    ("/chi-tieu/ct01.html", (), True, 200),
    ("/tai-ve/du-lieu.zip", (), True, 200),
    ("/", ("-I",), True, 200),  # HEAD
    ("/", (), False, 401),
    ("/khong-co.html", (), True, 404),
    ("/", ("-X", "TRACE"), True, 405),  # refused by nginx itself
    ("/", ("-X", "POST"), True, 403),  # limit_except: GET and HEAD only
    ("/index.html", ("-X", "DELETE"), True, 403),
    ("/index.html", ("-X", "PUT", "--data", "x"), True, 403),
    ("/.csp.conf", (), True, 403),  # dotfiles
    ("/.htaccess", (), True, 403),
    ("/assets/javascripts/bundle.js.map", (), True, 403),
    ("/", ("--interface", OUTSIDE), True, 403),
]


@pytest.mark.parametrize(("path", "options", "password", "status"), ANSWERS)
def test_every_answer_carries_every_header_once(
    server: Server, path: str, options: tuple[str, ...], password: bool, status: int
) -> None:
    answer = server.curl(path, *options, auth=(USER, PASSWORD) if password else None)
    assert answer.status == status
    for name, value in HEADERS.items():
        assert answer.headers.get(name) == [value], name
    assert answer.headers["content-security-policy"] == [expected_policy(server.site)]
    assert answer.headers["permissions-policy"] == [_permissions()]
    assert answer.header("server") == "nginx"  # no version
    assert "nginx/" not in answer.body


def _permissions() -> str:
    [line] = re.findall(r'add_header Permissions-Policy "([^"]+)" always;', EXAMPLE.read_text(encoding="utf-8"))
    features = line.split(", ")
    assert len(features) >= 15 and all(f.endswith("=()") for f in features)  # every feature off
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"} <= set(features)
    return line


def test_no_location_adds_a_header_of_its_own(server: Server) -> None:
    """An add_header inside a location would drop the server's headers there: they are set at server level only."""
    conf = EXAMPLE.read_text(encoding="utf-8")
    https = conf[conf.index("listen 443 ssl;") :]
    for block in re.findall(r"location [^{]*\{(.*?)\n    \}", https, re.DOTALL):
        assert "add_header" not in block


def test_the_policy_sent_is_the_built_sites(server: Server, built_sample: Path) -> None:
    expected = expected_policy(built_sample)
    assert (
        (built_sample / csp.FILE)
        .read_text(encoding="utf-8")
        .endswith(f'add_header Content-Security-Policy "{expected}" always;\n')
    )
    assert "'unsafe-inline'" not in expected
    assert "'unsafe-eval'" not in expected


def test_no_source_map_is_shipped(built_sample: Path) -> None:
    assert list(built_sample.rglob("*.map")) == []


# --- TLS -----------------------------------------------------------------------------


@pytest.mark.parametrize(("protocol", "accepted"), [("-tls1", False), ("-tls1_1", False), ("-tls1_2", True),
                                                    ("-tls1_3", True)])  # fmt: skip
def test_tls_1_2_and_1_3_only(server: Server, protocol: str, accepted: bool) -> None:
    # The client's security level 0 lets it offer what old clients offer: the server is what refuses.
    options = [protocol] if protocol == "-tls1_3" else [protocol, "-cipher", "ALL:@SECLEVEL=0"]
    assert (server.tls(*options).returncode == 0) is accepted


def test_tls_1_2_suites_are_mozillas_intermediate_ones(server: Server) -> None:
    """Every suite this openssl knows offered alone: only forward-secret AEAD suites are agreed."""
    assert OPENSSL
    listed = subprocess.run([OPENSSL, "ciphers", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"], capture_output=True, text=True)
    suites = [s for s in listed.stdout.strip().split(":") if not s.startswith("TLS_")]  # TLS 1.3's are apart
    assert len(suites) > 40
    accepted = {s for s in suites if server.tls("-tls1_2", "-cipher", f"{s}:@SECLEVEL=0").returncode == 0}
    assert accepted == TLS12_SUITES


@pytest.mark.parametrize("legacy", ["AES128-SHA", "AES256-GCM-SHA384", "ECDHE-RSA-AES128-SHA", "DES-CBC3-SHA"])
def test_a_legacy_suite_is_refused(server: Server, legacy: str) -> None:
    assert server.tls("-tls1_2", "-cipher", f"{legacy}:@SECLEVEL=0").returncode != 0


def test_no_session_ticket_and_sessions_resumed_from_the_shared_cache(server: Server) -> None:
    session = server.folder / "tls-session"
    first = server.tls("-tls1_2", "-sess_out", str(session))
    assert first.returncode == 0
    assert "TLS session ticket" not in first.stdout
    again = server.tls("-tls1_2", "-sess_in", str(session))
    assert "Reused, TLSv1.2" in again.stdout  # by its id, kept in ssl_session_cache


# --- password guessing -------------------------------------------------------------


@pytest.mark.skipif(FAIL2BAN_REGEX is None or not FILTER.exists(), reason="fail2ban is not installed")
def test_fail2ban_finds_every_wrong_password_in_the_log_nginx_wrote(server: Server) -> None:
    assert FAIL2BAN_REGEX
    guesses = [(USER, f"doan-{n}") for n in range(4)] + [("khach", "x"), ("admin", "admin")]
    before = _lines(server.error_log)
    for guess in guesses:
        assert server.curl("/index.html", auth=guess).status == 401
    assert server.curl("/index.html", auth=(USER, PASSWORD)).status == 200  # the right one is not counted
    written = server.folder / "guesses.log"
    written.write_text("".join(_lines(server.error_log)[len(before) :]), encoding="utf-8")
    assert len(_lines(written)) == len(guesses)
    result = subprocess.run([FAIL2BAN_REGEX, str(written), str(FILTER)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert re.search(rf"Lines: {len(guesses)} lines, 0 ignored, {len(guesses)} matched, 0 missed", result.stdout)
    assert all(", client: 127.0.0.1, server: bao-cao.noibo.example," in line for line in _lines(written))


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []


@pytest.mark.skipif(shutil.which("fail2ban-client") is None, reason="fail2ban is not installed")
def test_the_jail_reads_nginx_s_log_with_the_nginx_http_auth_filter(server: Server, tmp_path: Path) -> None:
    """The shipped jail, with fail2ban's own configuration, passes `fail2ban-client -t`."""
    conf = tmp_path / "fail2ban"
    shutil.copytree("/etc/fail2ban", conf)
    jail = JAIL.read_text(encoding="utf-8")
    jail = _replace(jail, "/var/log/nginx/bao-cao-noi-bo.error.log", str(server.error_log))
    (conf / "jail.d" / JAIL.name).write_text(jail, encoding="utf-8")
    for other in (conf / "jail.d").glob("*.conf"):  # only ours: a Debian default jail may read a log not here
        if other.name != JAIL.name:
            other.unlink()
    result = subprocess.run(["fail2ban-client", "-c", str(conf), "-d"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "['add', 'nginx-http-auth', 'auto']" in result.stdout
    assert f"['set', 'nginx-http-auth', 'addlogpath', '{server.error_log}', 'head']" in result.stdout
    assert "['set', 'nginx-http-auth', 'maxretry', 5]" in result.stdout
