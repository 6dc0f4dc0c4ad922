<?php
// Counts this visitor's requests in a PHP session: PHP keeps it in a file in
// session.save_path (/var/lib/php/sessions, as Debian's php.ini says).
session_start();
$_SESSION['n'] = ($_SESSION['n'] ?? 0) + 1;
header('Content-Type: application/json');
echo json_encode(['n' => $_SESSION['n']]);
