using System.Net.Sockets;
using Npgsql;

namespace AppBuilder.Storage.PostgreSql;

/// <summary>Turns Npgsql and PostgreSQL failures into short reasons that are safe to show to a client: no host, port,
/// user, password, SQL or server message text.</summary>
internal static class PostgreSqlFailure
{
    private const string ConnectionKey = PostgreSqlProjectStoreOptions.SectionName + ":ConnectionString";

    /// <summary>Whether the failure is about the connection or the server's state rather than the statement, so that a
    /// read may be retried once on a fresh connection and the pool's other connections are suspect.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException or SocketException or IOException => true,
        _ => false,
    };

    /// <summary>A reason such as "the database server could not be reached", to follow "…: " in a message.</summary>
    public static string Describe(Exception exception)
    {
        if (exception is PostgresException postgres)
        {
            return DescribeSqlState(postgres.SqlState);
        }

        if (Find<TimeoutException>(exception) is not null)
        {
            return "the database did not answer in time";
        }

        if (Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
                ? $"the database host name could not be resolved (check {ConnectionKey})"
                : $"the database server could not be reached (check {ConnectionKey} and that the server is running)";
        }

        if (Find<IOException>(exception) is not null || Find<EndOfStreamException>(exception) is not null)
        {
            return "the connection to the database was lost";
        }

        return exception is NpgsqlException ? "the database connection failed" : "its database failed";
    }

    private static string DescribeSqlState(string sqlState) => sqlState switch
    {
        "28P01" or "28000" => $"the database refused the login (check the user name and password in {ConnectionKey})",
        "3D000" => $"the database named in {ConnectionKey} does not exist",
        "42501" => "the database user lacks a permission the store needs",
        "53300" => "the database server has no free connections",
        "57014" => "the database cancelled the statement (a statement timeout)",
        "40001" or "40P01" => "a concurrent change conflicted with it; try again",
        "57P01" or "57P02" or "57P03" => "the connection to the database was lost (the server is shutting down or ended it)",
        "25006" => "the database is read-only",
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => "the connection to the database was lost",
        _ when sqlState.StartsWith("53", StringComparison.Ordinal) => "the database server is out of resources",
        _ => $"the database reported error {sqlState}",
    };

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
