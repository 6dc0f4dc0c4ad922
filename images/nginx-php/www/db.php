<?php
// PHP and MariaDB together, through both drivers every flavor promises: a
// row written through PDO is read back through mysqli, and the other way.
// Where MariaDB is comes from MARIADB_* in the container's environment.
header('Content-Type: application/json');

function fail(int $status, string $message): never
{
    http_response_code($status);
    echo json_encode(['error' => $message]);
    exit;
}

$host = getenv('MARIADB_HOST') ?: '';
$database = getenv('MARIADB_DATABASE') ?: '';
$user = getenv('MARIADB_USER') ?: '';
$password = getenv('MARIADB_PASSWORD') ?: '';
if ($host === '' || $database === '' || $user === '') {
    fail(503, 'set MARIADB_HOST, MARIADB_DATABASE, MARIADB_USER and MARIADB_PASSWORD on the container');
}
$note = (string) ($_GET['note'] ?? 'hello');

try {
    $pdo = new PDO("mysql:host=$host;dbname=$database;charset=utf8mb4", $user, $password, [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
    ]);
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    $mysqli = new mysqli($host, $user, $password, $database);
    $mysqli->set_charset('utf8mb4');

    $pdo->exec('CREATE TABLE IF NOT EXISTS php_rows (
        id INT AUTO_INCREMENT PRIMARY KEY,
        driver VARCHAR(10) NOT NULL,
        note VARCHAR(100) NOT NULL
    )');

    $pdo->prepare('INSERT INTO php_rows (driver, note) VALUES (?, ?)')->execute(['pdo', $note]);
    $pdoId = (int) $pdo->lastInsertId();

    $driver = 'mysqli';
    $insert = $mysqli->prepare('INSERT INTO php_rows (driver, note) VALUES (?, ?)');
    $insert->bind_param('ss', $driver, $note);
    $insert->execute();
    $mysqliId = $mysqli->insert_id;

    $select = $mysqli->prepare('SELECT id, driver, note FROM php_rows WHERE id = ?');
    $select->bind_param('i', $pdoId);
    $select->execute();
    $readByMysqli = $select->get_result()->fetch_assoc();

    $query = $pdo->prepare('SELECT id, driver, note FROM php_rows WHERE id = ?');
    $query->execute([$mysqliId]);
    $readByPdo = $query->fetch(PDO::FETCH_ASSOC);

    echo json_encode([
        'server' => $pdo->getAttribute(PDO::ATTR_SERVER_VERSION),
        'writtenByPdoReadByMysqli' => $readByMysqli,
        'writtenByMysqliReadByPdo' => $readByPdo,
    ]);
} catch (Throwable $e) {
    fail(500, get_class($e) . ': ' . $e->getMessage());
}
