<?php
// Parses the same text declared as UTF-8 and as ISO-8859-1: libxml2 handles
// both itself, whatever it was built with for other encodings.
header('Content-Type: application/json');
$text = "Grüße, café";
$result = [];
foreach (['UTF-8', 'ISO-8859-1'] as $encoding) {
    $body = mb_convert_encoding("<greeting>$text</greeting>", $encoding, 'UTF-8');
    $doc = simplexml_load_string("<?xml version=\"1.0\" encoding=\"$encoding\"?>\n$body");
    $result[$encoding] = $doc === false ? null : (string) $doc;
}
echo json_encode($result);
