using System.Net;
using System.Net.Sockets;

namespace AiFinOps.FaultTests.Infrastructure;

/// <summary>Ports the kernel hands out as free, so parallel test projects never collide on a fixed one.</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        // Hold every listener until all ports are known, so the same port is not handed out twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public static int One() => Take(1)[0];

    public static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
