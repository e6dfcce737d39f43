using Npgsql;
using Sori.Infrastructure.Database;

namespace Sori.Integration.Tests.Database;

public sealed class PostgresDefaultsTests
{
    [Fact]
    public void StatementPreparation_IsOnByDefault()
    {
        var b = new NpgsqlConnectionStringBuilder(DatabaseOptions.WithPostgresDefaults("Host=db;Database=sori;Username=sori;Password=s3cret"));
        Assert.Equal(64, b.MaxAutoPrepare);
        Assert.Equal(2, b.AutoPrepareMinUsages);
        Assert.True(b.NoResetOnClose);
        Assert.Equal("s3cret", b.Password);
        Assert.Equal("sori", b.Database);
    }

    [Theory]
    [InlineData("Host=db;Database=sori;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=sori;max auto prepare=10", 10)]
    [InlineData("Host=db;Database=sori;MaxAutoPrepare=5", 5)]
    public void AConnectionStringsOwnSetting_Wins(string connectionString, int expected)
    {
        var b = new NpgsqlConnectionStringBuilder(DatabaseOptions.WithPostgresDefaults(connectionString));
        Assert.Equal(expected, b.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db;Database=sori;No Reset On Close=false", false)]
    [InlineData("Host=db;Database=sori;NoResetOnClose=false", false)]
    [InlineData("Host=db;Database=sori", true)]
    public void ResetOnClose_IsOffUnlessTheConnectionStringAsks(string connectionString, bool expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(DatabaseOptions.WithPostgresDefaults(connectionString)).NoResetOnClose);
}
