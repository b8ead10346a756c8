import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Runs the Neo4j Community engine in this JVM with the Bolt connector on, until SIGTERM.
 * Usage: java -cp 'lib/*:classes' WhosaidNeo4j <homeDir> <settings.properties>
 * The settings file holds neo4j.conf-style keys, written by src/local-neo4j/launcher.ts,
 * so every tunable lives on the TypeScript side and this file never needs to change.
 */
public final class WhosaidNeo4j {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: WhosaidNeo4j <homeDir> <settings.properties>");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .loadPropertiesFromFile(Path.of(args[1]).toAbsolutePath())
        .build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("whosaid-neo4j: shutting down");
      dbms.shutdown();
      System.out.println("whosaid-neo4j: stopped");
      stopped.countDown();
    }, "whosaid-neo4j-shutdown"));
    System.out.println("whosaid-neo4j: started");
    stopped.await();
  }
}
