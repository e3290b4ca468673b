-- nothing to run here;
/* not even; this
   multi-line comment */
;;
