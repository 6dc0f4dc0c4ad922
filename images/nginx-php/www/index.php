<?php
// What the smoke suite and a person look at first: which PHP, which extensions.
header('Content-Type: application/json');
$extensions = array_map('strtolower', get_loaded_extensions());
sort($extensions);
echo json_encode([
    'php' => PHP_VERSION,
    'sapi' => PHP_SAPI,
    'extensions' => $extensions,
    'opcache' => function_exists('opcache_get_status') && (opcache_get_status(false)['opcache_enabled'] ?? false),
]);
