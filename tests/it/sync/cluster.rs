//! A throwaway PostgreSQL cluster for the sync tests: `initdb` in a temporary folder (as the
//! `postgres` user when the tests run as root: PostgreSQL refuses root), listening on
//! 127.0.0.1 only, TLS with a certificate authority made here by the `openssl` command, plain
//! connections refused (`hostssl` only), SCRAM passwords. Stopped and removed when dropped.
//! None, with the reason printed, where there is no PostgreSQL (`.ci/run` installs it).

use std::path::PathBuf;
use std::process::{Command, Output};

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    run_as: Option<&'static str>,
    pub port: u16,
}

/// The admin who runs `kam team init` (CREATEROLE, owner of the team's database).
pub const BOSS: &str = "boss";
pub const BOSS_PASSWORD: &str = "boss-secret-1";

fn pg_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    dirs.sort();
    if let Some(d) = dirs.pop() {
        return Some(d);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find(|d| d.join("initdb").exists() && d.join("pg_ctl").exists())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn ok(o: Output, what: &str) -> Output {
    assert!(
        o.status.success(),
        "{what}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

impl Cluster {
    pub fn start() -> Option<Cluster> {
        let Some(bin) = pg_bin() else {
            eprintln!("no PostgreSQL here (initdb not found); the sync test is skipped (.ci/run installs postgresql)");
            return None;
        };
        if Command::new("openssl").arg("version").output().is_err() {
            eprintln!("no openssl command here; the sync test is skipped");
            return None;
        }
        let run_as = if is_root() {
            if !Command::new("id")
                .arg("postgres")
                .output()
                .is_ok_and(|o| o.status.success())
            {
                eprintln!("running as root and there is no postgres user to run PostgreSQL as; the sync test is skipped");
                return None;
            }
            Some("postgres")
        } else {
            None
        };
        let dir = tempfile::Builder::new()
            .prefix("kam-pg-")
            .tempdir()
            .unwrap();
        let c = Cluster {
            dir,
            bin,
            run_as,
            port: free_port(),
        };
        c.make_certs();
        if let Some(user) = run_as {
            ok(
                Command::new("chown")
                    .args(["-R", user])
                    .arg(c.dir.path())
                    .output()
                    .unwrap(),
                "chown",
            );
        }
        ok(
            c.pg("initdb")
                .args(["-D"])
                .arg(c.data())
                .args([
                    "-U",
                    "postgres",
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                    "-E",
                    "UTF8",
                    "--no-locale",
                    // A throwaway cluster needs no durability (fsync is off below too):
                    // initdb's own flush of its files took 3 of its 5 seconds here.
                    "--no-sync",
                ])
                .output()
                .unwrap(),
            "initdb",
        );
        let d = c.dir.path().display().to_string();
        c.append(
            "postgresql.conf",
            &format!(
                "listen_addresses = '127.0.0.1'\nport = {}\nunix_socket_directories = '{d}'\nssl = on\nssl_cert_file = '{d}/server.crt'\nssl_key_file = '{d}/server.key'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n",
                c.port
            ),
        );
        c.write(
            "pg_hba.conf",
            "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n",
        );
        c.start_server();
        c.psql(
            "postgres",
            &format!("CREATE ROLE {BOSS} LOGIN CREATEROLE PASSWORD '{BOSS_PASSWORD}'"),
        );
        c.psql("postgres", &format!("CREATE DATABASE team OWNER {BOSS}"));
        Some(c)
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.crt")
    }

    fn pg(&self, tool: &str) -> Command {
        let exe = self.bin.join(tool);
        match self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(exe);
                c
            }
            None => Command::new(exe),
        }
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.data().join(name), text).unwrap();
    }

    fn append(&self, name: &str, text: &str) {
        let old = std::fs::read_to_string(self.data().join(name)).unwrap();
        self.write(name, &format!("{old}\n{text}"));
    }

    fn make_certs(&self) {
        let d = self.dir.path();
        let run = |args: &[&str]| {
            ok(
                Command::new("openssl")
                    .args(args)
                    .current_dir(d)
                    .output()
                    .unwrap(),
                "openssl",
            )
        };
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        let mut ca = vec!["req", "-x509"];
        ca.extend(ec);
        ca.extend([
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-days",
            "2",
            "-subj",
            "/CN=kam test CA",
        ]);
        run(&ca);
        let mut csr = vec!["req"];
        csr.extend(ec);
        csr.extend([
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ]);
        run(&csr);
        std::fs::write(d.join("ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n").unwrap();
        run(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "ext",
        ]);
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(d.join("server.key"), std::fs::Permissions::from_mode(0o600))
            .unwrap();
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    fn start_server(&self) {
        ok(
            self.pg("pg_ctl")
                .arg("-D")
                .arg(self.data())
                .arg("-l")
                .arg(self.dir.path().join("log"))
                .args(["-w", "start"])
                .output()
                .unwrap(),
            "pg_ctl start",
        );
    }

    /// Stops the server as a power cut would (`-m immediate`: no checkpoint, clients cut off).
    pub fn stop_hard(&self) {
        let _ = self
            .pg("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .args(["-m", "immediate", "-w", "stop"])
            .output();
    }

    pub fn restart_hard(&self) {
        self.stop_hard();
        self.start_server();
    }

    /// Runs SQL as the superuser over the cluster's own socket; its output, unaligned.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let o = ok(
            self.pg("psql")
                .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h"])
                .arg(self.dir.path())
                .args([
                    "-p",
                    &self.port.to_string(),
                    "-U",
                    "postgres",
                    "-d",
                    db,
                    "-c",
                    sql,
                ])
                .output()
                .unwrap(),
            sql,
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// Runs SQL as a login over TCP (`sslmode` as given: `verify-full` with the cluster's
    /// authority, or `disable`), as a rep's own tools would; the output, whatever it is.
    pub fn psql_as(&self, login: &str, password: &str, sslmode: &str, sql: &str) -> Output {
        Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
            .arg(format!(
                "host=localhost port={} dbname=team user={login} sslmode={sslmode} sslrootcert={}",
                self.port,
                self.ca().display()
            ))
            .env("PGPASSWORD", password)
            .output()
            .unwrap()
    }

    /// The team's database as `pg_dump` writes it (plain SQL): every value uncompressed,
    /// where a byte search of the table files misses a value PostgreSQL compressed.
    #[allow(dead_code)] // not in benches/team_sync.rs
    pub fn dump(&self) -> Vec<u8> {
        ok(
            self.pg("pg_dump")
                .arg("-h")
                .arg(self.dir.path())
                .args(["-p", &self.port.to_string(), "-U", "postgres", "-d", "team"])
                .output()
                .unwrap(),
            "pg_dump",
        )
        .stdout
    }

    /// The server's log (what `pg_ctl -l` writes).
    #[allow(dead_code)] // benches/team_sync.rs
    pub fn log_file(&self) -> PathBuf {
        self.dir.path().join("log")
    }

    /// CPU seconds the server's processes have used so far: the postmaster's own, its
    /// children's that have ended (each connection's backend ends with it) and its living
    /// children's (checkpointer, WAL writer, autovacuum, open connections), from /proc.
    #[allow(dead_code)] // benches/team_sync.rs
    pub fn cpu_seconds(&self) -> f64 {
        let pid = std::fs::read_to_string(self.data().join("postmaster.pid")).unwrap_or_default();
        let pid = pid.lines().next().unwrap_or("").trim().to_string();
        let mut total = cpu_of(&format!("/proc/{pid}/stat"), true);
        for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let stat = e.path().join("stat");
            let text = std::fs::read_to_string(&stat).unwrap_or_default();
            let parent = text
                .rsplit_once(')')
                .and_then(|(_, r)| r.split_whitespace().nth(1).map(str::to_string));
            if parent.as_deref() == Some(pid.as_str()) {
                total += cpu_of(&stat.display().to_string(), false);
            }
        }
        total
    }

    /// The address of the team's database for a login, over TLS, the server verified.
    pub fn url(&self, login: &str) -> String {
        format!("postgres://{login}@localhost:{}/team", self.port)
    }

    /// Every file of the cluster's data folder that holds the relation of `table`.
    pub fn table_files(&self, table: &str) -> Vec<PathBuf> {
        let rel = self.psql("team", &format!("SELECT pg_relation_filepath('{table}')"));
        let base = self.data().join(rel.trim());
        let mut files = vec![];
        if let (Some(parent), Some(name)) = (base.parent(), base.file_name()) {
            for e in std::fs::read_dir(parent).unwrap().flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                let n0 = name.to_string_lossy();
                if n == n0 || n.starts_with(&format!("{n0}.")) || n.starts_with(&format!("{n0}_")) {
                    files.push(e.path());
                }
            }
        }
        files
    }
}

/// User and system CPU seconds of a process from its `/proc/…/stat` (with its waited-for
/// children's when asked).
#[allow(dead_code)] // benches/team_sync.rs
pub fn cpu_of(stat: &str, children: bool) -> f64 {
    let text = std::fs::read_to_string(stat).unwrap_or_default();
    // The fields after the command's closing parenthesis: state is field 3, utime 14.
    let rest = text.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    let at = |n: usize| f.get(n - 3).copied().unwrap_or(0.0);
    let ticks = at(14) + at(15) + if children { at(16) + at(17) } else { 0.0 };
    // USER_HZ is 100 on Linux.
    ticks / 100.0
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop_hard();
    }
}
