namespace LxcForge.Core.State;

/// <summary>One journal line: a step of a run for one container.</summary>
public sealed record JournalEntry(long Run, string Service, int Ctid, string Step, string Status, string? Detail, DateTimeOffset At);

public sealed partial class StateStore
{
    /// <summary>Starts a run and returns its id (the journal's lines refer to it).</summary>
    public long StartRun(string host, string command)
    {
        lock (_gate)
        {
            using var cmd = Command(
                "INSERT INTO runs (host, command, started) VALUES ($h, $c, $t); SELECT last_insert_rowid();",
                [("$h", host), ("$c", command), ("$t", Now())]
            );
            return (long)cmd.ExecuteScalar()!;
        }
    }

    public void FinishRun(long run, string result) =>
        Execute("UPDATE runs SET finished = $t, result = $r WHERE id = $id", ("$t", Now()), ("$r", result), ("$id", run));

    /// <summary>Records a step (status: started, done, failed, skipped). Detail never contains a secret.</summary>
    public void Record(long run, string host, string service, int ctid, string step, string status, string? detail = null) =>
        Execute(
            "INSERT INTO journal (run, host, service, ctid, step, status, detail, at) VALUES ($r, $h, $s, $c, $st, $ss, $d, $t)",
            ("$r", run),
            ("$h", host),
            ("$s", service),
            ("$c", ctid),
            ("$st", step),
            ("$ss", status),
            ("$d", detail),
            ("$t", Now())
        );

    /// <summary>The journal for a host, oldest first; optionally only one container's lines.</summary>
    public IReadOnlyList<JournalEntry> Journal(string host, int? ctid = null) =>
        Query(
            "SELECT run, service, ctid, step, status, detail, at FROM journal WHERE host = $h AND ($c IS NULL OR ctid = $c) ORDER BY id",
            r => new JournalEntry(
                r.GetInt64(0),
                r.GetString(1),
                r.GetInt32(2),
                r.GetString(3),
                r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5),
                DateTimeOffset.Parse(r.GetString(6), System.Globalization.CultureInfo.InvariantCulture)
            ),
            ("$h", host),
            ("$c", ctid)
        );

    /// <summary>CTIDs whose clone LxcForge started on this host (a <c>create</c> lock there is ours to wait for).</summary>
    public IReadOnlySet<int> ClonesStarted(string host) =>
        Query("SELECT DISTINCT ctid FROM journal WHERE host = $h AND step = 'clone' AND status = 'started'", r => r.GetInt32(0), ("$h", host)).ToHashSet();

    /// <summary>
    /// Remembers that a container received the configuration with this fingerprint. <paramref name="identity"/>
    /// (<see cref="Ownership.ContainerIdentity"/>) binds the mark to that very container: a replacement made by
    /// any path has another identity, so its mark no longer counts.
    /// </summary>
    public void MarkConfigured(string host, int ctid, string service, string fingerprint, string? identity = null) =>
        Execute(
            "INSERT INTO configured (host, ctid, service, fingerprint, at, identity) VALUES ($h, $c, $s, $f, $t, $i) ON CONFLICT (host, ctid) DO UPDATE SET service = $s, fingerprint = $f, at = $t, identity = $i",
            ("$h", host),
            ("$c", ctid),
            ("$s", service),
            ("$f", fingerprint),
            ("$t", Now()),
            ("$i", identity)
        );

    /// <summary>Forgets a container's configuration. Not needed any more (marks are bound to the container's identity); kept for callers.</summary>
    public void ForgetConfigured(string host, int ctid) => Execute("DELETE FROM configured WHERE host = $h AND ctid = $c", ("$h", host), ("$c", ctid));

    /// <summary>The last configuration fingerprint of each container on the host, whatever container it was given to.</summary>
    public IReadOnlyDictionary<int, string> ConfiguredFingerprints(string host) => ConfiguredMarks(host).ToDictionary(p => p.Key, p => p.Value.Fingerprint);

    /// <summary>The last configuration of each CTID on the host, with the identity of the container that received it (null: recorded before identities).</summary>
    public IReadOnlyDictionary<int, (string Fingerprint, string? Identity)> ConfiguredMarks(string host) =>
        Query(
                "SELECT ctid, fingerprint, identity FROM configured WHERE host = $h",
                r => (r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)),
                ("$h", host)
            )
            .ToDictionary(p => p.Item1, p => (p.Item2, p.Item3));

    /// <summary>Records a per-container id LxcForge wrote (or found and adopted) in the marker of the container at <paramref name="ctid"/>.</summary>
    public void RecordOwnerId(string host, int ctid, string id) =>
        Execute("INSERT OR IGNORE INTO owner_ids (host, ctid, id, at) VALUES ($h, $c, $i, $t)", ("$h", host), ("$c", ctid), ("$i", id), ("$t", Now()));

    /// <summary>
    /// Every marker id LxcForge wrote or adopted on the host, whatever CTID (a restore <c>--as</c> moves a container and keeps
    /// its id). Empty when nothing is recorded (state lost): then the marker's CTID binding alone decides.
    /// </summary>
    public IReadOnlySet<string> OwnerIds(string host) =>
        Query("SELECT DISTINCT id FROM owner_ids WHERE host = $h", r => r.GetString(0), ("$h", host)).ToHashSet(StringComparer.Ordinal);
}
