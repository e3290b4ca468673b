using BuildMigrations.Engines.Schema;

namespace BuildMigrations.Engines.Verification;

/// <summary>
/// What proofs run one after another on the same database share: the schema the last passing proof left (so the
/// next one need not snapshot it again).
/// </summary>
public sealed class ProofWalkState
{
    /// <summary>The database's schema now, when known (set by a passing proof; cleared when anything else changes the database).</summary>
    public SchemaSnapshot? Schema { get; set; }
}
