using Microsoft.Data.Sqlite;

namespace LxcForge.Core.State;

/// <summary>
/// LxcForge's local state in one SQLite file (mode 0600): generated secrets, the journal of every run's
/// steps, and which configuration each container last received. Losing it loses no container: the host is
/// the source of truth for what exists. Thread-safe (one connection, one lock).
/// </summary>
public sealed partial class StateStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private StateStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating when missing, with mode 0600) the state file at <paramref name="path"/>.</summary>
    public static StateStore Open(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir))
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(dir);
            else
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!File.Exists(path) && !OperatingSystem.IsWindows())
        {
            using var created = new FileStream(
                path,
                new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                }
            );
        }

        Tighten(path);
        return Init(new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()));
    }

    /// <summary>
    /// Secrets at rest are owner-only: a state file (or its WAL and shared-memory files) found readable by others,
    /// made by an older version or by hand, is tightened to 0600 before it is used.
    /// </summary>
    private static void Tighten(string path)
    {
        if (OperatingSystem.IsWindows())
            return;
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~ownerOnly) != 0)
                File.SetUnixFileMode(file, ownerOnly);
        }
    }

    /// <summary>A private in-memory store (tests, <c>sim://</c> demos that keep nothing).</summary>
    public static StateStore InMemory() => Init(new SqliteConnection("Data Source=:memory:"));

    private static StateStore Init(SqliteConnection connection)
    {
        connection.Open();
        var store = new StateStore(connection);
        store.Execute(
            """
            PRAGMA journal_mode = WAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS secrets (host TEXT NOT NULL, service TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (host, service, name));
            CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, host TEXT NOT NULL, command TEXT NOT NULL, started TEXT NOT NULL, finished TEXT, result TEXT);
            CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY AUTOINCREMENT, run INTEGER NOT NULL, host TEXT NOT NULL, service TEXT NOT NULL, ctid INTEGER NOT NULL, step TEXT NOT NULL, status TEXT NOT NULL, detail TEXT, at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS journal_by_ctid ON journal (host, ctid);
            CREATE TABLE IF NOT EXISTS configured (host TEXT NOT NULL, ctid INTEGER NOT NULL, service TEXT NOT NULL, fingerprint TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (host, ctid));
            CREATE TABLE IF NOT EXISTS owner_ids (host TEXT NOT NULL, ctid INTEGER NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (host, ctid, id));
            """
        );
        // Marks written before they named the container they were for (an old state file): the column, empty.
        if (!store.Query("PRAGMA table_info(configured)", r => r.GetString(1)).Contains("identity"))
            store.Execute("ALTER TABLE configured ADD COLUMN identity TEXT");
        return store;
    }

    public void Dispose() => _connection.Dispose();

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = Command(sql, parameters);
            return command.ExecuteNonQuery();
        }
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = Command(sql, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
                rows.Add(read(reader));
            return rows;
        }
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private static string Now(TimeProvider? time = null) => (time ?? TimeProvider.System).GetUtcNow().ToString("O");
}
