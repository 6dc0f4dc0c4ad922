<?php
// Echoes what PHP received from a POST: the fields and the uploaded files.
header('Content-Type: application/json');
$files = [];
foreach ($_FILES as $field => $file) {
    $files[$field] = [
        'name' => $file['name'],
        'size' => $file['size'],
        'error' => $file['error'],
        'sha256' => $file['error'] === UPLOAD_ERR_OK ? hash_file('sha256', $file['tmp_name']) : null,
    ];
}
echo json_encode(['method' => $_SERVER['REQUEST_METHOD'], 'fields' => $_POST, 'files' => $files]);
