using System.Net;
using System.Net.Sockets;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Pipeline.Tests.Privacy;

/// <summary>The network listener the privacy tests rely on must tell loopback from elsewhere, or they prove nothing.</summary>
public class NetworkWatchTests
{
    [Fact]
    public void Sees_a_loopback_connection_as_loopback()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        using var watch = new NetworkWatch();
        using (var client = new TcpClient()) client.Connect(IPAddress.Loopback, ((IPEndPoint)server.LocalEndpoint).Port);
        watch.Connections.Should().NotBeEmpty();
        watch.NonLoopback().Should().BeEmpty();
    }

    [Theory]
    [InlineData("InterNetwork:16:{139,205,127,0,0,1,0,0,0,0,0,0,0,0}", true)]
    [InlineData("InterNetwork:16:{1,187,93,184,216,34,0,0,0,0,0,0,0,0}", false)]
    [InlineData("InterNetwork:16:{2,0,1,187,10,0,0,5,0,0,0,0,0,0,0,0}", false)]
    [InlineData("InterNetwork:16:{2,0,1,187,127,0,0,1,0,0,0,0,0,0,0,0}", true)]
    [InlineData("InterNetworkV6:28:{1,187,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0}", true)]
    [InlineData("InterNetworkV6:28:{1,187,0,0,0,0,32,1,13,184,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0}", false)]
    [InlineData("Unix:110:{47,116,109,112}", true)]
    public void Reads_runtime_socket_addresses(string address, bool loopback) =>
        NetworkWatch.IsLoopbackSocketAddress(address).Should().Be(loopback);
}
