<?php
// Stands for a script someone managed to upload: it must never run.
echo 'EXECUTED';
