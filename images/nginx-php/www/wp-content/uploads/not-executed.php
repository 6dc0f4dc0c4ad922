<?php
// Stands for a script uploaded into an application's own uploads folder
// (WordPress's wp-content/uploads/): it must never run either.
echo 'EXECUTED';
